CREATE TABLE "issue_activity" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"issue_id" bigint NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" uuid,
	"action" text NOT NULL,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "issue_hours" (
	"issue_id" bigint NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"events" bigint NOT NULL,
	CONSTRAINT "issue_hours_issue_id_hour_pk" PRIMARY KEY("issue_id","hour")
);
--> statement-breakpoint
CREATE TABLE "issue_values" (
	"issue_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"last_hour" timestamp with time zone NOT NULL,
	CONSTRAINT "issue_values_issue_id_kind_value_pk" PRIMARY KEY("issue_id","kind","value")
);
--> statement-breakpoint
CREATE TABLE "issues" (
	"id" bigint PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"grouping_key" text NOT NULL,
	"grouping_version" smallint NOT NULL,
	"title" text NOT NULL,
	"culprit" text,
	"type" text,
	"level" smallint NOT NULL,
	"status" text DEFAULT 'unresolved' NOT NULL,
	"regressed" boolean DEFAULT false NOT NULL,
	"first_seen" timestamp with time zone NOT NULL,
	"last_seen" timestamp with time zone NOT NULL,
	"first_release" text,
	"last_release" text,
	"event_count" bigint DEFAULT 0 NOT NULL,
	"user_count" bigint DEFAULT 0 NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_in_release" text,
	"resolved_after_release" text,
	"ignore_until" jsonb,
	"ignore_events_base" bigint,
	"ignore_users_base" bigint,
	"status_changed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "logs" ADD COLUMN "issue_id" bigint;--> statement-breakpoint
ALTER TABLE "issue_activity" ADD CONSTRAINT "issue_activity_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issue_activity" ADD CONSTRAINT "issue_activity_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issue_hours" ADD CONSTRAINT "issue_hours_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issue_values" ADD CONSTRAINT "issue_values_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issues" ADD CONSTRAINT "issues_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "issue_activity_issue_idx" ON "issue_activity" USING btree ("issue_id","at");--> statement-breakpoint
CREATE INDEX "issues_project_idx" ON "issues" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "logs_issue_received_idx" ON "logs" USING btree ("issue_id","received_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "logs"."issue_id" is not null;