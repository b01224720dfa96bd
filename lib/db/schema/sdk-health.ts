import { bigint, date, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { ownerColumn } from "./columns";
import { projects } from "./projects";

// What Sentry SDKs report about themselves rather than about the app: release health (session
// updates and aggregates) and the clients' own drops (client reports). Counters per UTC day,
// added to on every report; the project's retention prunes old days like its events.

const keyColumn = (name: string) => text(name).notNull();
const countColumn = (name: string) => bigint(name, { mode: "number" }).notNull().default(0);

/**
 * A table of counters per project, UTC day and its own keys: the primary key is what a row
 * counts under, every other column a count (lib/ingest/store/sdk-health.ts adds to them).
 * Keys and counts are named as their columns are.
 */
function dailyCounters<Name extends string, Key extends string, Count extends string>(
  name: Name,
  keys: readonly Key[],
  counts: readonly Count[],
) {
  const keyColumns = Object.fromEntries(keys.map((k) => [k, keyColumn(k)]));
  const countColumns = Object.fromEntries(counts.map((c) => [c, countColumn(c)]));
  return pgTable(
    name,
    {
      projectId: ownerColumn("project_id", () => projects.id),
      day: date("day", { mode: "string" }).notNull(),
      ...(keyColumns as Record<Key, ReturnType<typeof keyColumn>>),
      ...(countColumns as Record<Count, ReturnType<typeof countColumn>>),
    },
    (t) => [primaryKey({ columns: [t.projectId, t.day, ...keys.map((k) => t[k])] })],
  );
}

export const releaseSessions = dailyCounters(
  "release_sessions",
  // release is "" when the SDK named none (Sentry requires one; the count is kept anyway).
  ["release", "environment"],
  // errored: sessions that ended with at least one error (crashed and abnormal ones included).
  ["started", "errored", "crashed", "abnormal"],
);

export const clientDrops = dailyCounters(
  "client_drops",
  // Sentry's discard reason (queue_overflow, network_error, ratelimit_backoff, …) and data
  // category (error, log_item, session, …), as the SDK names them.
  ["reason", "category"],
  ["quantity"],
);

export type ReleaseSessionsRow = typeof releaseSessions.$inferInsert;
export type ClientDropsRow = typeof clientDrops.$inferInsert;
