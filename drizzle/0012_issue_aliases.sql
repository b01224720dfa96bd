CREATE TABLE "issue_aliases" (
	"project_id" uuid NOT NULL,
	"alias_id" bigint NOT NULL,
	"issue_id" bigint NOT NULL,
	CONSTRAINT "issue_aliases_project_id_alias_id_pk" PRIMARY KEY("project_id","alias_id")
);
--> statement-breakpoint
ALTER TABLE "issue_aliases" ADD CONSTRAINT "issue_aliases_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issue_aliases" ADD CONSTRAINT "issue_aliases_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "issue_aliases_issue_idx" ON "issue_aliases" USING btree ("issue_id");