CREATE TABLE "sourcemap_bundles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"checksum" text NOT NULL,
	"release" text,
	"dist" text,
	"file_count" integer NOT NULL,
	"size" bigint NOT NULL,
	"stored_size" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sourcemap_bundles_project_checksum" UNIQUE("project_id","checksum")
);
--> statement-breakpoint
CREATE TABLE "sourcemap_chunks" (
	"checksum" text PRIMARY KEY NOT NULL,
	"data" "bytea" NOT NULL,
	"size" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sourcemap_files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"bundle_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"url" text,
	"debug_id" text,
	"sourcemap_ref" text,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sourcemap_bundles" ADD CONSTRAINT "sourcemap_bundles_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sourcemap_files" ADD CONSTRAINT "sourcemap_files_bundle_id_sourcemap_bundles_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "public"."sourcemap_bundles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sourcemap_files" ADD CONSTRAINT "sourcemap_files_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sourcemap_bundles_last_used_idx" ON "sourcemap_bundles" USING btree ("last_used_at");--> statement-breakpoint
CREATE INDEX "sourcemap_files_debug_id_idx" ON "sourcemap_files" USING btree ("project_id","debug_id") WHERE "sourcemap_files"."debug_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "sourcemap_files_url_idx" ON "sourcemap_files" USING btree ("project_id","url");--> statement-breakpoint
CREATE INDEX "sourcemap_files_bundle_idx" ON "sourcemap_files" USING btree ("bundle_id");