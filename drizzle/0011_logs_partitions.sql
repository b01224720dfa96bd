-- Hand-written (drizzle-kit has no partitioning): logs becomes a table partitioned by UTC day of
-- received_at (issue 15 §1, docs/architecture.md → Storage). The old table's rows are copied
-- into one partition per day they cover, in this migration's transaction: every stored event
-- keeps its id, and ids go on from the largest. New days' partitions are made by Logwell
-- (lib/db/partitions/ensure.ts, with the same DDL as the loop below). Postgres 15 refuses an
-- identity column on a partitioned table: a sequence default, and received_at in the key.
ALTER TABLE "logs" RENAME TO "logs_unpartitioned";--> statement-breakpoint
DROP INDEX "logs_project_received_idx";--> statement-breakpoint
DROP INDEX "logs_issue_received_idx";--> statement-breakpoint
DROP INDEX "logs_project_client_id_uq";--> statement-breakpoint
ALTER TABLE "logs_unpartitioned" DROP CONSTRAINT "logs_pkey";--> statement-breakpoint
ALTER TABLE "logs_unpartitioned" ALTER COLUMN "id" DROP IDENTITY;--> statement-breakpoint
CREATE SEQUENCE "logs_id_seq" AS bigint;--> statement-breakpoint
CREATE TABLE "logs" (
	"id" bigint DEFAULT nextval('logs_id_seq') NOT NULL,
	"project_id" uuid NOT NULL,
	"client_id" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"timestamp" timestamp with time zone,
	"level" smallint NOT NULL,
	"message" text NOT NULL,
	"logger" text,
	"url" text,
	"stack" text,
	"release" text,
	"environment" text,
	"session_id" text,
	"user_id" text,
	"trace_id" text,
	"attributes" jsonb,
	"user_agent" text,
	"client_ip" text,
	"country" text,
	"request_id" uuid,
	"truncated_fields" text[],
	"normalized_fields" text[],
	"issue_id" bigint,
	CONSTRAINT "logs_pkey" PRIMARY KEY("id","received_at")
) PARTITION BY RANGE ("received_at");--> statement-breakpoint
ALTER SEQUENCE "logs_id_seq" OWNED BY "logs"."id";--> statement-breakpoint
CREATE INDEX "logs_project_received_idx" ON "logs" USING btree ("project_id","received_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "logs_issue_received_idx" ON "logs" USING btree ("issue_id","received_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "issue_id" is not null;--> statement-breakpoint
-- The safety net: rows whose day has no partition land here (reported by /api/health); the
-- next partition run moves them into their day's partition.
CREATE TABLE "logs_default" (LIKE "logs");--> statement-breakpoint
ALTER TABLE "logs_default" ADD CONSTRAINT "logs_default_pkey" PRIMARY KEY ("id","received_at");--> statement-breakpoint
CREATE INDEX "logs_default_project_received_idx" ON "logs_default" ("project_id","received_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "logs_default_issue_received_idx" ON "logs_default" ("issue_id","received_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "issue_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "logs_default_client_id_uq" ON "logs_default" ("project_id","client_id") WHERE "client_id" is not null;--> statement-breakpoint
ALTER TABLE "logs" ATTACH PARTITION "logs_default" DEFAULT;--> statement-breakpoint
DO $$
DECLARE
	d date;
	t text;
BEGIN
	FOR d IN SELECT DISTINCT (received_at AT TIME ZONE 'UTC')::date FROM logs_unpartitioned LOOP
		t := 'logs_' || to_char(d, 'YYYYMMDD');
		EXECUTE format('CREATE TABLE %I (LIKE logs)', t);
		EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I PRIMARY KEY (id, received_at)', t, t || '_pkey');
		EXECUTE format('CREATE INDEX %I ON %I (project_id, received_at DESC NULLS LAST, id DESC NULLS LAST)', t || '_project_received_idx', t);
		EXECUTE format('CREATE INDEX %I ON %I (issue_id, received_at DESC NULLS LAST, id DESC NULLS LAST) WHERE issue_id IS NOT NULL', t || '_issue_received_idx', t);
		EXECUTE format('CREATE UNIQUE INDEX %I ON %I (project_id, client_id) WHERE client_id IS NOT NULL', t || '_client_id_uq', t);
		EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I CHECK (received_at >= %L::timestamptz AND received_at < %L::timestamptz)',
			t, t || '_range', to_char(d, 'YYYY-MM-DD') || 'T00:00:00Z', to_char(d + 1, 'YYYY-MM-DD') || 'T00:00:00Z');
		EXECUTE format('ALTER TABLE logs ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
			t, to_char(d, 'YYYY-MM-DD') || 'T00:00:00Z', to_char(d + 1, 'YYYY-MM-DD') || 'T00:00:00Z');
	END LOOP;
END $$;--> statement-breakpoint
INSERT INTO "logs" ("id", "project_id", "client_id", "received_at", "timestamp", "level", "message", "logger", "url", "stack", "release", "environment", "session_id", "user_id", "trace_id", "attributes", "user_agent", "client_ip", "country", "request_id", "truncated_fields", "normalized_fields", "issue_id")
SELECT "id", "project_id", "client_id", "received_at", "timestamp", "level", "message", "logger", "url", "stack", "release", "environment", "session_id", "user_id", "trace_id", "attributes", "user_agent", "client_ip", "country", "request_id", "truncated_fields", "normalized_fields", "issue_id"
FROM "logs_unpartitioned";--> statement-breakpoint
SELECT setval('logs_id_seq', coalesce((SELECT max("id") FROM "logs_unpartitioned"), 0) + 1, false);--> statement-breakpoint
DROP TABLE "logs_unpartitioned";
