import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn, ownerColumn } from "./columns";
import { projects } from "./projects";

// Alerts (issue 16, docs/alerts.md): per project, rules say which issue changes to tell whom
// (a channel); ingest records each message in the outbox (alert_deliveries) in the transaction
// that commits the events causing it (lib/alerts/record.ts), and a worker delivers it later
// (lib/alerts/deliver/), never on the ingest path.

export const alertChannelKinds = ["webhook", "slack", "email"] as const;
export type AlertChannelKind = (typeof alertChannelKinds)[number];

// ingest_refused: refused or dropped events of the project over `threshold` in the last
// `window_minutes` (ingest health, lib/alerts/refusals.ts); the others are issue changes.
export const alertTriggers = ["new_issue", "regression", "ingest_refused"] as const;
export type AlertTrigger = (typeof alertTriggers)[number];
/** The triggers an issue change fires (lib/alerts/record.ts, at ingest). */
export type IssueTrigger = Exclude<AlertTrigger, "ingest_refused">;

export const alertDeliveryStates = ["pending", "retrying", "sent", "failed"] as const;
export type AlertDeliveryState = (typeof alertDeliveryStates)[number];

export const alertChannels = pgTable(
  "alert_channels",
  {
    id: idColumn(),
    projectId: ownerColumn("project_id", () => projects.id),
    kind: text("kind").$type<AlertChannelKind>().notNull(),
    name: text("name").notNull(),
    /** The receiver's URL (webhook endpoint or Slack incoming-webhook URL): a secret. Email
     * channels have none: they mail the project's members who opted in (users.alert_emails). */
    url: text("url"),
    /** Webhooks: `whsec_` + base64 key that signs each message; shown once, at creation. */
    secret: text("secret"),
    createdAt: createdAtColumn(),
  },
  (t) => [index("alert_channels_project_idx").on(t.projectId)],
);

export const alertRules = pgTable(
  "alert_rules",
  {
    id: idColumn(),
    projectId: ownerColumn("project_id", () => projects.id),
    channelId: ownerColumn("channel_id", () => alertChannels.id),
    name: text("name").notNull(),
    trigger: text("trigger").$type<AlertTrigger>().notNull(),
    enabled: boolean("enabled").notNull().default(true),
    /** Filters: the issue's highest level in the commit at least this (logs' numbering). */
    minLevel: smallint("min_level").notNull().default(50),
    /** Only when an event of the commit has this environment / release (null: any). */
    environment: text("environment"),
    release: text("release"),
    /** Not again about the same issue within this many minutes. */
    actionIntervalMinutes: integer("action_interval_minutes").notNull().default(30),
    /** At most this many messages per 10-minute window; the rest roll into one summary. */
    budgetPerWindow: integer("budget_per_window").notNull().default(10),
    /** The current budget window (record.ts): its start and the messages it let through. */
    windowStart: timestamp("window_start", { withTimezone: true }),
    windowSent: integer("window_sent").notNull().default(0),
    /** ingest_refused: more than this many refused or dropped events … */
    threshold: integer("threshold").notNull().default(100),
    /** … within this many minutes. */
    windowMinutes: integer("window_minutes").notNull().default(10),
    /** ingest_refused: over the threshold at the last evaluation (a message per change). */
    firing: boolean("firing").notNull().default(false),
    createdAt: createdAtColumn(),
  },
  // Ingest reads a project's enabled rules of a trigger when an issue is new or regresses.
  (t) => [index("alert_rules_project_idx").on(t.projectId, t.trigger)],
);

/** When a rule last told about an issue (the action interval). */
export const alertRuleIssues = pgTable(
  "alert_rule_issues",
  {
    ruleId: ownerColumn("rule_id", () => alertRules.id),
    issueId: bigint("issue_id", { mode: "bigint" }).notNull(),
    lastAt: timestamp("last_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.ruleId, t.issueId] })],
);

export const alertDeliveries = pgTable(
  "alert_deliveries",
  {
    /** Stable across retries: the message's `webhook-id` (receivers de-duplicate by it). */
    id: text("id").primaryKey(),
    projectId: ownerColumn("project_id", () => projects.id),
    ruleId: uuid("rule_id").references(() => alertRules.id, { onDelete: "cascade" }),
    channelId: ownerColumn("channel_id", () => alertChannels.id),
    /** new_issue, regression, summary (a window's excess) or test. */
    kind: text("kind").notNull(),
    issueId: bigint("issue_id", { mode: "bigint" }),
    /** What the message says, captured when it was recorded (payload.ts renders it). */
    facts: jsonb("facts").notNull(),
    state: text("state").$type<AlertDeliveryState>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** Due time; while an attempt runs, its lease (a crashed worker's row comes back). */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull(),
    lastStatus: integer("last_status"),
    /** The receiver's answer or the error, at most 300 characters, shown as text. */
    lastAnswer: text("last_answer"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: createdAtColumn(),
  },
  (t) => [
    // The worker claims due rows; the log lists a rule's newest.
    index("alert_deliveries_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`state in ('pending', 'retrying')`),
    index("alert_deliveries_rule_idx").on(t.ruleId, t.createdAt),
  ],
);

export type AlertChannel = typeof alertChannels.$inferSelect;
export type AlertRule = typeof alertRules.$inferSelect;
export type AlertDelivery = typeof alertDeliveries.$inferSelect;
