ALTER TABLE "alert_channels" ALTER COLUMN "url" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "alert_emails" boolean DEFAULT false NOT NULL;