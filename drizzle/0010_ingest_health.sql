CREATE TABLE "ingest_outcomes" (
	"project_id" uuid,
	"minute" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"requests" bigint DEFAULT 0 NOT NULL,
	"events" bigint DEFAULT 0 NOT NULL,
	"example" text,
	CONSTRAINT "ingest_outcomes_key" UNIQUE NULLS NOT DISTINCT("project_id","minute","outcome")
);
--> statement-breakpoint
CREATE TABLE "ingest_outcome_flushes" (
	"id" text PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_rules" ADD COLUMN "threshold" integer DEFAULT 100 NOT NULL;--> statement-breakpoint
ALTER TABLE "alert_rules" ADD COLUMN "window_minutes" integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "alert_rules" ADD COLUMN "firing" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "ingest_outcomes" ADD CONSTRAINT "ingest_outcomes_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ingest_outcomes_minute_idx" ON "ingest_outcomes" USING btree ("minute");