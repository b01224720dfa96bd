import { type SQL, sql } from "drizzle-orm";
import type { Issue, IssueStatus } from "@/lib/db/schema/issues";

// An issue's status as readers see it. The row says `ignored` until something changes it, but
// an ignore whose condition is met is over: ingest flips the row when an event arrives
// (`ignore_ended`), while an ignore "until a date" ends with no event at all, so every read
// (list filter, DTO) computes it here. The SQL form and the TS form say the same thing;
// tests/integration/issues/status.test.ts checks they agree.

export type IgnoreUntil = NonNullable<Issue["ignoreUntil"]>;

type StatusFields = Pick<
  Issue,
  "status" | "ignoreUntil" | "eventCount" | "userCount" | "ignoreEventsBase" | "ignoreUsersBase"
>;

/** True when an ignore's condition has been met by `now` (time) or by the counts. */
export function ignoreHasEnded(issue: StatusFields, now: Date): boolean {
  const until = issue.ignoreUntil;
  if (!until) return false;
  if (until.until !== undefined && Date.parse(until.until) <= now.getTime()) return true;
  if (
    until.events !== undefined &&
    issue.eventCount - (issue.ignoreEventsBase ?? 0) >= until.events
  )
    return true;
  return until.users !== undefined && issue.userCount - (issue.ignoreUsersBase ?? 0) >= until.users;
}

export function effectiveStatus(issue: StatusFields, now: Date): IssueStatus {
  return issue.status === "ignored" && ignoreHasEnded(issue, now) ? "unresolved" : issue.status;
}

/** "This ignore is over", as SQL over an `issues` row aliased `i`; `now` is a bind value. */
function ignoreEndedSql(now: Date): SQL {
  const at = now.toISOString();
  return sql`(i.ignore_until IS NOT NULL AND (
      (i.ignore_until->>'until' IS NOT NULL AND (i.ignore_until->>'until')::timestamptz <= ${at}::timestamptz)
      OR (i.ignore_until->>'events' IS NOT NULL AND i.event_count - coalesce(i.ignore_events_base, 0) >= (i.ignore_until->>'events')::bigint)
      OR (i.ignore_until->>'users' IS NOT NULL AND i.user_count - coalesce(i.ignore_users_base, 0) >= (i.ignore_until->>'users')::bigint)))`;
}

/** effectiveStatus as an SQL expression over an `issues` row aliased `i`. */
export function effectiveStatusSql(now: Date): SQL {
  return sql`(CASE WHEN i.status = 'ignored' AND ${ignoreEndedSql(now)} THEN 'unresolved' ELSE i.status END)`;
}

/**
 * "The effective status is `status`" as a condition. Written around the stored status, which
 * most rows settle at once, rather than as `effectiveStatusSql(now) = status`: the list reads
 * every issue of a project and the CASE on each row cost it several milliseconds at 10,000.
 */
export function effectiveStatusIs(status: IssueStatus, now: Date): SQL {
  if (status === "resolved") return sql`i.status = 'resolved'`;
  if (status === "ignored") return sql`(i.status = 'ignored' AND NOT ${ignoreEndedSql(now)})`;
  return sql`(i.status = 'unresolved' OR (i.status = 'ignored' AND ${ignoreEndedSql(now)}))`;
}
