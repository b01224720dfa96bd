import { sql } from "drizzle-orm";
import {
  bigint,
  index,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

export const logLevels = ["trace", "debug", "info", "warn", "error", "fatal"] as const;
export type LogLevel = (typeof logLevels)[number];

// Stored as a number so `min_level` is a range predicate (pino's numbering).
export const levelNumber: Record<LogLevel, number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
};

export function levelName(n: number): LogLevel {
  return logLevels[Math.min(5, Math.max(0, Math.floor(n / 10) - 1))] ?? "info";
}

// No foreign key to projects: a per-row FK check costs ingest throughput, and deleting a
// project removes its logs explicitly (lib/projects) rather than by a cascade that would hold
// one long transaction over millions of rows.
//
// Partitioned by UTC day of received_at (drizzle/0011_logs_partitions.sql, docs/architecture.md
// → Storage). drizzle-kit knows nothing of partitions: this declaration gives the types and the
// parent's columns and indexes; the partitions, their per-day client-id unique index and the
// default partition are made by lib/db/partitions. Never `drizzle-kit push` (it would rebuild
// the table as a plain one).
export const logs = pgTable(
  "logs",
  {
    // A sequence default, not an identity column: Postgres 15 refuses identity columns on a
    // partitioned table. Unique with received_at (the primary key must hold the partition key).
    id: bigint("id", { mode: "bigint" }).notNull().default(sql`nextval('logs_id_seq')`),
    projectId: uuid("project_id").notNull(),
    // Client event id: de-duplicates retries per project within a UTC day (threat DUP-1; the
    // unique index is per partition, lib/db/partitions/ddl.ts).
    clientId: text("client_id"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    // Client clock, validated; null when absent or out of range (ordering never uses it).
    timestamp: timestamp("timestamp", { withTimezone: true }),
    level: smallint("level").notNull(),
    message: text("message").notNull(),
    logger: text("logger"),
    url: text("url"),
    stack: text("stack"),
    release: text("release"),
    environment: text("environment"),
    sessionId: text("session_id"),
    userId: text("user_id"),
    traceId: text("trace_id"),
    attributes: jsonb("attributes").$type<Record<string, unknown>>(),
    userAgent: text("user_agent"),
    clientIp: text("client_ip"),
    country: text("country"),
    requestId: uuid("request_id"),
    // Fields the server shortened or repaired, so a reader knows the value is not verbatim.
    truncatedFields: text("truncated_fields").array(),
    normalizedFields: text("normalized_fields").array(),
    // The event's issue (lib/db/schema/issues.ts), null for events that belong to none. No
    // foreign key, for the same reason as project_id.
    issueId: bigint("issue_id", { mode: "bigint" }),
  },
  (t) => [
    primaryKey({ name: "logs_pkey", columns: [t.id, t.receivedAt] }),
    // Serves every dashboard listing and keyset page: newest first within a project.
    index("logs_project_received_idx").on(t.projectId, t.receivedAt.desc(), t.id.desc()),
    // An issue's events, newest first; only error events carry an issue, so only they pay it.
    index("logs_issue_received_idx")
      .on(t.issueId, t.receivedAt.desc(), t.id.desc())
      .where(sql`${t.issueId} is not null`),
  ],
);

export type LogRow = typeof logs.$inferSelect;
export type NewLogRow = typeof logs.$inferInsert;
