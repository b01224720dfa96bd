import { sql } from "drizzle-orm";
import { z } from "zod";
import { isoUtc } from "@/lib/db/iso-utc";
import { type Issue, issueStatuses } from "@/lib/db/schema/issues";
import { levelName, logLevels } from "@/lib/db/schema/logs";
import { effectiveStatus } from "./status";

// The Issue JSON of the read API and the dashboard (contract "Issues"): snake_case, the id as
// a decimal string (a bigint does not fit a JSON number), counts as JSON integers, the status
// as readers see it (an ignore that has ended reads `unresolved`, lib/issues/status.ts).
// Timestamps are formatted by Postgres, keeping the microseconds a cursor needs (as logs do).

export const ignoreUntilSchema = z
  .object({
    events: z.number().int().min(1).max(1_000_000_000).optional(),
    users: z.number().int().min(1).max(1_000_000_000).optional(),
    until: z.string().optional(),
  })
  .strict();

export const issueDtoSchema = z.object({
  id: z.string(),
  project_id: z.string(),
  title: z.string(),
  culprit: z.string().nullable(),
  type: z.string().nullable(),
  level: z.enum(logLevels),
  status: z.enum(issueStatuses),
  regressed: z.boolean(),
  first_seen: z.string(),
  last_seen: z.string(),
  first_release: z.string().nullable(),
  last_release: z.string().nullable(),
  event_count: z.number().int(),
  user_count: z.number().int(),
  resolved_at: z.string().nullable(),
  resolved_in_release: z.string().nullable(),
  /** Resolved "in the next release": the newest release when it was resolved, else null. */
  resolved_in_next_release: z.boolean(),
  ignore_until: ignoreUntilSchema.nullable(),
  status_changed_at: z.string().nullable(),
  grouping_key_version: z.number().int(),
});

export type IssueDto = z.infer<typeof issueDtoSchema>;

/** One row as the read queries select it (see `issueColumns`). */
export interface IssueReadRow {
  id: string;
  project_id: string;
  title: string;
  culprit: string | null;
  type: string | null;
  level: number;
  status: Issue["status"];
  regressed: boolean;
  first_seen: string;
  last_seen: string;
  first_release: string | null;
  last_release: string | null;
  event_count: number | string;
  user_count: number | string;
  resolved_at: string | null;
  resolved_in_release: string | null;
  resolved_after_release: string | null;
  ignore_until: Issue["ignoreUntil"];
  ignore_events_base: number | string | null;
  ignore_users_base: number | string | null;
  status_changed_at: string | null;
  grouping_version: number;
}

/** The select list of every issue read, for an `issues` row aliased `i`. */
export const issueColumns = sql.join(
  [
    sql.raw("i.id::text AS id, i.project_id::text AS project_id, i.title, i.culprit, i.type"),
    sql.raw("i.level, i.status, i.regressed, i.first_release, i.last_release"),
    sql.raw("i.event_count, i.user_count, i.resolved_in_release, i.resolved_after_release"),
    sql.raw("i.ignore_until, i.ignore_events_base, i.ignore_users_base, i.grouping_version"),
    sql`${isoUtc("i.first_seen")} AS first_seen`,
    sql`${isoUtc("i.last_seen")} AS last_seen`,
    sql`${isoUtc("i.resolved_at")} AS resolved_at`,
    sql`${isoUtc("i.status_changed_at")} AS status_changed_at`,
  ],
  sql.raw(", "),
);

const toNumber = (v: number | string | null) => (v === null ? null : Number(v));

export function toIssueDto(row: IssueReadRow, now: Date = new Date()): IssueDto {
  const eventCount = Number(row.event_count);
  const userCount = Number(row.user_count);
  const status = effectiveStatus(
    {
      status: row.status,
      ignoreUntil: row.ignore_until,
      eventCount,
      userCount,
      ignoreEventsBase: toNumber(row.ignore_events_base),
      ignoreUsersBase: toNumber(row.ignore_users_base),
    },
    now,
  );
  const resolved = status === "resolved";
  return {
    id: row.id,
    project_id: row.project_id,
    title: row.title,
    culprit: row.culprit ?? null,
    type: row.type ?? null,
    level: levelName(Number(row.level)),
    status,
    regressed: row.regressed,
    first_seen: row.first_seen,
    last_seen: row.last_seen,
    first_release: row.first_release ?? null,
    last_release: row.last_release ?? null,
    event_count: eventCount,
    user_count: userCount,
    resolved_at: resolved ? (row.resolved_at ?? null) : null,
    resolved_in_release: resolved ? (row.resolved_in_release ?? null) : null,
    resolved_in_next_release: resolved && row.resolved_after_release !== null,
    ignore_until: status === "ignored" ? (row.ignore_until ?? null) : null,
    status_changed_at: row.status_changed_at ?? null,
    grouping_key_version: Number(row.grouping_version),
  };
}
