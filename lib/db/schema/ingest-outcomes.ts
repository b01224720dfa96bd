import { bigint, index, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { projects } from "./projects";

// Ingest health (issue 16 §1, docs/operations.md → Ingest health): what each project's ingest
// accepted and what it refused or lost, by reason, per minute. Counted in process memory on the
// ingest path and added here by a periodic flush (lib/ingest/accounting/), never per request.

/** What became of the events a request carried (the reasons a refusal is counted under). */
export const ingestOutcomes = [
  "accepted",
  // Refused by the server: 401 (missing, unknown or revoked key; a Sentry key of another project).
  "invalid_key",
  // 403: a browser Origin not in the project's allowed origins.
  "origin_not_allowed",
  // 429: the project's per-client-address limit (or the key lookups of one address).
  "rate_limited_ip",
  // 429: the project's events-per-minute limit.
  "rate_limited_project",
  // 413: over the body or event-count cap.
  "payload_too_large",
  // 415: another content type or encoding.
  "unsupported_media_type",
  // 400: a body that does not parse at all.
  "invalid_body",
  // Events refused one by one (in a 202, or a 400 when none was valid).
  "invalid_events",
  // Reported by the clients themselves: dropped before sending (Sentry client reports, the
  // Logwell script's queue overflow and storage failures; breakdown in client_drops).
  "client_discard",
] as const;
export type IngestOutcome = (typeof ingestOutcomes)[number];
export type RefusalOutcome = Exclude<IngestOutcome, "accepted">;

export const ingestOutcomeCounts = pgTable(
  "ingest_outcomes",
  {
    /** Null: a refusal no project can be named for (an unknown key): the deployment's bucket. */
    projectId: uuid("project_id").references(() => projects.id, { onDelete: "cascade" }),
    minute: timestamp("minute", { withTimezone: true }).notNull(),
    outcome: text("outcome").$type<IngestOutcome>().notNull(),
    /** Requests answered with this outcome (a 202 with rejections counts under both). */
    requests: bigint("requests", { mode: "number" }).notNull().default(0),
    /**
     * Events: counted where the body was read; a request refused before its body was read
     * counts one (at least one event was lost).
     */
    events: bigint("events", { mode: "number" }).notNull().default(0),
    /**
     * One refused value, the latest flushed (an origin not allowed, a content type): what the
     * advice names ("add https://app.example to allowed origins"). Client-sent text, capped.
     */
    example: text("example"),
  },
  (t) => [
    // One row per key; the flush adds to it (ON CONFLICT). The deployment's bucket has no
    // project, so nulls must match each other.
    unique("ingest_outcomes_key").on(t.projectId, t.minute, t.outcome).nullsNotDistinct(),
    // Deployment-wide totals (/api/health, the status page) and the 30-day prune.
    index("ingest_outcomes_minute_idx").on(t.minute),
  ],
);

/**
 * Flushes already added (their ids): a flush whose commit was not acknowledged is retried with
 * the same id, and the retry adds nothing when the first attempt did commit.
 */
export const ingestOutcomeFlushes = pgTable("ingest_outcome_flushes", {
  id: text("id").primaryKey(),
  at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
});

export type IngestOutcomeRow = typeof ingestOutcomeCounts.$inferSelect;
