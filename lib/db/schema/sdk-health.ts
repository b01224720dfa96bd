import { bigint, date, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { ownerColumn } from "./columns";
import { projects } from "./projects";

// What Sentry SDKs report about themselves rather than about the app: release health (session
// updates and aggregates) and the clients' own drops (client reports). Counters per UTC day,
// added to on every report; the project's retention prunes old days like its events.

export const releaseSessions = pgTable(
  "release_sessions",
  {
    projectId: ownerColumn("project_id", () => projects.id),
    day: date("day", { mode: "string" }).notNull(),
    // "" when the SDK named none (Sentry requires a release; the count is kept anyway).
    release: text("release").notNull(),
    environment: text("environment").notNull(),
    started: bigint("started", { mode: "number" }).notNull().default(0),
    // Sessions that ended with at least one error (crashed and abnormal ones included).
    errored: bigint("errored", { mode: "number" }).notNull().default(0),
    crashed: bigint("crashed", { mode: "number" }).notNull().default(0),
    abnormal: bigint("abnormal", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.day, t.release, t.environment] })],
);

export const clientDrops = pgTable(
  "client_drops",
  {
    projectId: ownerColumn("project_id", () => projects.id),
    day: date("day", { mode: "string" }).notNull(),
    // Sentry's discard reason (queue_overflow, network_error, ratelimit_backoff, …) and data
    // category (error, log_item, session, …), as the SDK names them.
    reason: text("reason").notNull(),
    category: text("category").notNull(),
    quantity: bigint("quantity", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.day, t.reason, t.category] })],
);

export type ReleaseSessionsRow = typeof releaseSessions.$inferInsert;
export type ClientDropsRow = typeof clientDrops.$inferInsert;
