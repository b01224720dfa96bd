import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { pgArray } from "@/lib/logs/conditions";
import { withReadTimeout } from "@/lib/logs/read-transaction";

// An issue's events over time, from issue_hours (one row per issue and UTC hour, kept exact
// by ingest and the prune): the list's 24 h sparklines and the issue page's 24 h and 14 day
// charts. Callers pass issue ids they already read in scope (listIssues, getIssue).

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

export interface CountBucket {
  /** ISO start of the bucket (UTC). */
  start: string;
  events: number;
}

export interface IssueTimeline {
  /** 24 hourly buckets, the last one the current hour. */
  day: CountBucket[];
  /** 14 buckets of 24 hours, the last one ending with the current hour. */
  fortnight: CountBucket[];
}

const hourFloor = (ms: number) => Math.floor(ms / hourMs) * hourMs;

interface HourRow {
  issue_id: string;
  hour: string;
  events: string | number;
}

async function readHours(
  db: Db,
  ids: readonly string[],
  fromMs: number,
): Promise<Map<string, Map<number, number>>> {
  const byIssue = new Map<string, Map<number, number>>();
  if (ids.length === 0) return byIssue;
  const rows = await withReadTimeout(db, (tx) =>
    queryRows<HourRow>(
      tx,
      sql`SELECT issue_id::text AS issue_id,
            to_char(hour AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS hour, events
          FROM issue_hours
          WHERE issue_id = ANY(${pgArray(ids)}::bigint[])
            AND hour >= ${new Date(fromMs).toISOString()}::timestamptz`,
    ),
  );
  for (const row of rows) {
    const hours = byIssue.get(row.issue_id) ?? new Map<number, number>();
    byIssue.set(row.issue_id, hours);
    hours.set(Date.parse(row.hour), Number(row.events));
  }
  return byIssue;
}

/** `count` buckets of `size` ms ending with the hour of `now`, summed from hourly counts. */
function buckets(hours: Map<number, number> | undefined, now: Date, count: number, size: number) {
  const end = hourFloor(now.getTime()) + hourMs;
  const out: CountBucket[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const start = end - (i + 1) * size;
    let events = 0;
    for (let h = start; h < start + size; h += hourMs) events += hours?.get(h) ?? 0;
    out.push({ start: new Date(start).toISOString(), events });
  }
  return out;
}

/** The list's sparklines: the last 24 hourly counts of each issue (zeros for quiet hours). */
export async function issueSparklines(
  db: Db,
  ids: readonly string[],
  now: Date = new Date(),
): Promise<Map<string, number[]>> {
  const hours = await readHours(db, ids, hourFloor(now.getTime()) - 23 * hourMs);
  return new Map(
    ids.map((id) => [id, buckets(hours.get(id), now, 24, hourMs).map((b) => b.events)]),
  );
}

/** The issue page's charts: the last 24 hours by hour and the last 14 days by day. */
export async function issueTimeline(
  db: Db,
  id: string,
  now: Date = new Date(),
): Promise<IssueTimeline> {
  const hours = (await readHours(db, [id], hourFloor(now.getTime()) + hourMs - 14 * dayMs)).get(id);
  return { day: buckets(hours, now, 24, hourMs), fortnight: buckets(hours, now, 14, dayMs) };
}
