import {
  bigint,
  bigserial,
  boolean,
  index,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { ownerColumn } from "./columns";
import { projects } from "./projects";
import { users } from "./users";

// Issues: error events of a project grouped by their grouping key (lib/issues/grouping,
// docs/issues.md). Every count here is kept exact in the transaction that commits the events
// (lib/issues/ingest) and follows the retention prune (lib/retention), so an issue's numbers are
// true by the time the ingest answers and after old events are gone.

export const issueStatuses = ["unresolved", "resolved", "ignored"] as const;
export type IssueStatus = (typeof issueStatuses)[number];

const issueIdColumn = (name: string) => bigint(name, { mode: "bigint" });

export const issues = pgTable(
  "issues",
  {
    // Derived from (project, grouping version, key) (lib/issues/issue-id.ts), so the rows to
    // store can carry their issue before any database round trip (on a preparation thread too).
    id: issueIdColumn("id").primaryKey(),
    projectId: ownerColumn("project_id", () => projects.id),
    groupingKey: text("grouping_key").notNull(),
    groupingVersion: smallint("grouping_version").notNull(),
    title: text("title").notNull(),
    culprit: text("culprit"),
    type: text("type"),
    // The highest level seen (logs' numbering).
    level: smallint("level").notNull(),
    status: text("status", { enum: issueStatuses }).notNull().default("unresolved"),
    regressed: boolean("regressed").notNull().default(false),
    firstSeen: timestamp("first_seen", { withTimezone: true }).notNull(),
    lastSeen: timestamp("last_seen", { withTimezone: true }).notNull(),
    firstRelease: text("first_release"),
    lastRelease: text("last_release"),
    eventCount: bigint("event_count", { mode: "number" }).notNull().default(0),
    userCount: bigint("user_count", { mode: "number" }).notNull().default(0),
    // Resolution: when, and which events do not regress it. "In release R": events from a
    // release older than R. "In the next release": events from resolvedAfterRelease (the newest
    // release seen when it was resolved) or older.
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedInRelease: text("resolved_in_release"),
    resolvedAfterRelease: text("resolved_after_release"),
    // Ignore: the condition as the caller gave it ({events?, users?, until?}), and the counts
    // when it was set, so "N more events / N new users" is a difference of two numbers.
    ignoreUntil: jsonb("ignore_until").$type<{ events?: number; users?: number; until?: string }>(),
    ignoreEventsBase: bigint("ignore_events_base", { mode: "number" }),
    ignoreUsersBase: bigint("ignore_users_base", { mode: "number" }),
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }),
  },
  // Only the project's index: last_seen and the counts change with every stored event, and an
  // index on them would make each of those updates write every index (no HOT update). A
  // project's issues are sorted in memory (measured in docs/performance.md).
  (t) => [index("issues_project_idx").on(t.projectId)],
);

/** Events per issue and UTC hour: the 24 h and 14 day charts, and what the prune subtracts. */
export const issueHours = pgTable(
  "issue_hours",
  {
    issueId: issueIdColumn("issue_id")
      .notNull()
      .references(() => issues.id, { onDelete: "cascade" }),
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    events: bigint("events", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.issueId, t.hour] })],
);

export const issueValueKinds = ["user", "release", "environment"] as const;
export type IssueValueKind = (typeof issueValueKinds)[number];

/**
 * The distinct values an issue's events carry, per kind: "user" (the identity user_count
 * counts: user_id, else session_id, else the stored client IP), "release", "environment" (the
 * list's filters). lastHour is the UTC hour of the newest event with the value, moved forward at
 * most once an hour, so a storm from one user does not rewrite the row per event; the prune
 * deletes the values whose events are all gone.
 */
export const issueValues = pgTable(
  "issue_values",
  {
    issueId: issueIdColumn("issue_id")
      .notNull()
      .references(() => issues.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: issueValueKinds }).notNull(),
    value: text("value").notNull(),
    lastHour: timestamp("last_hour", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.issueId, t.kind, t.value] })],
);

export const issueActions = [
  "resolved",
  "unresolved",
  "ignored",
  "regressed",
  "ignore_ended",
] as const;
export type IssueAction = (typeof issueActions)[number];

/** Every status change: who (null: Logwell itself), when, what. */
export const issueActivity = pgTable(
  "issue_activity",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
    issueId: issueIdColumn("issue_id")
      .notNull()
      .references(() => issues.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action", { enum: issueActions }).notNull(),
    details: jsonb("details").$type<Record<string, unknown>>(),
  },
  (t) => [index("issue_activity_issue_idx").on(t.issueId, t.at)],
);

export type Issue = typeof issues.$inferSelect;
export type NewIssue = typeof issues.$inferInsert;
export type IssueActivityRow = typeof issueActivity.$inferSelect;

/**
 * Another key's id that stands for an issue (lib/issues/ingest/aliases.ts): an error whose
 * events were grouped by minified frames before its source maps were uploaded keeps that issue
 * when later events are grouped by original frames. Deleted with the issue it names.
 */
export const issueAliases = pgTable(
  "issue_aliases",
  {
    projectId: ownerColumn("project_id", () => projects.id),
    aliasId: issueIdColumn("alias_id").notNull(),
    issueId: issueIdColumn("issue_id")
      .notNull()
      .references(() => issues.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.aliasId] }),
    // The cascade from a pruned issue finds its aliases by this index.
    index("issue_aliases_issue_idx").on(t.issueId),
  ],
);
