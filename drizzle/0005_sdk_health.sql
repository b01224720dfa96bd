CREATE TABLE "client_drops" (
	"project_id" uuid NOT NULL,
	"day" date NOT NULL,
	"reason" text NOT NULL,
	"category" text NOT NULL,
	"quantity" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "client_drops_project_id_day_reason_category_pk" PRIMARY KEY("project_id","day","reason","category")
);
--> statement-breakpoint
CREATE TABLE "release_sessions" (
	"project_id" uuid NOT NULL,
	"day" date NOT NULL,
	"release" text NOT NULL,
	"environment" text NOT NULL,
	"started" bigint DEFAULT 0 NOT NULL,
	"errored" bigint DEFAULT 0 NOT NULL,
	"crashed" bigint DEFAULT 0 NOT NULL,
	"abnormal" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "release_sessions_project_id_day_release_environment_pk" PRIMARY KEY("project_id","day","release","environment")
);
--> statement-breakpoint
ALTER TABLE "client_drops" ADD CONSTRAINT "client_drops_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_sessions" ADD CONSTRAINT "release_sessions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;