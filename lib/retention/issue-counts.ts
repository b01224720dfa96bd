import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { integerArrayLiteral, textArrayLiteral } from "@/lib/ingest/store/pg-array";

// Deleted events leave their issues true (docs/issues.md → Prune): in the transaction of the
// DELETE, each issue loses the deleted events from its hours and event_count, gets first_seen
// and first_release from its oldest remaining event, loses the values (users, releases,
// environments) none of its remaining events carries, and user_count with them; an issue
// with no events left is deleted (its hours, values, activity and aliases by cascade). Issue
// rows are locked in id order first, as ingest locks them (lib/issues/ingest/counters.ts), so
// the two wait for each other instead of deadlocking.

/** Events one DELETE removed, per issue and UTC hour (ISO text). */
export interface GoneHour {
  issueId: string;
  hour: string;
  events: number;
}

/**
 * The events of `rows` (any relation with issue_id and received_at: a DELETE's RETURNING, a
 * detached day) per issue and UTC hour, as one JSON text value; parseGoneHours reads it.
 */
export function goneHoursJson(rows: SQL): SQL {
  return sql`(select coalesce(json_agg(json_build_array(
                 g.issue, (extract(epoch from g.hour) * 1000)::bigint, g.n)), '[]')::text
              from (select issue_id::text as issue, date_trunc('hour', received_at) as hour,
                           count(*) as n
                    from ${rows} where issue_id is not null group by 1, 2) g)`;
}

export function parseGoneHours(json: string | null | undefined): GoneHour[] {
  return (JSON.parse(json ?? "[]") as [string, number, number][]).map(
    ([issueId, hourMs, events]) => ({ issueId, hour: new Date(hourMs).toISOString(), events }),
  );
}

export async function subtractDeletedEvents(tx: Db, gone: readonly GoneHour[]): Promise<void> {
  if (gone.length === 0) return;
  const sorted = [...gone].sort(
    (a, b) => a.issueId.length - b.issueId.length || (a.issueId < b.issueId ? -1 : 1),
  );
  const ids = textArrayLiteral([...new Set(sorted.map((g) => g.issueId))], (id) => id);
  await tx.execute(
    sql`select id from issues where id = any(${ids}::bigint[]) order by id for update`,
  );
  const hours = sql`unnest(${textArrayLiteral(sorted, (g) => g.issueId)}::bigint[],
      ${textArrayLiteral(sorted, (g) => g.hour)}::timestamptz[],
      ${integerArrayLiteral(sorted, (g) => g.events)}::bigint[]) as g(issue_id, hour, n)`;
  // Separate statements: a row changed by one part of a statement cannot be deleted by another.
  await tx.execute(sql`
    update issue_hours h set events = h.events - g.n from ${hours}
    where h.issue_id = g.issue_id and h.hour = g.hour`);
  await tx.execute(
    sql`delete from issue_hours where issue_id = any(${ids}::bigint[]) and events <= 0`,
  );
  await tx.execute(sql`
    update issues i set event_count = i.event_count - p.n
    from (select issue_id, sum(n) as n from ${hours} group by issue_id) p
    where i.id = p.issue_id`);
  await tx.execute(sql`delete from issues where id = any(${ids}::bigint[]) and event_count <= 0`);
  await refreshFirstSeen(tx, ids, sorted);
}

/**
 * first_seen/first_release from each issue's oldest remaining event (logs_issue_received_idx,
 * read backwards), and the values whose events are all gone. A value's last_hour is never
 * older than its newest event, and every remaining event is at or after first_seen: a value
 * whose last_hour is before first_seen's hour has no event left, and one in that boundary hour
 * is checked against the events of that hour. Values can only lose their last event when this
 * DELETE reached the boundary hour (a first hour that moved was reached too), so only those
 * issues' values are looked at. One UPDATE per issue: a row is updated once per statement.
 */
async function refreshFirstSeen(tx: Db, ids: string, gone: readonly GoneHour[]): Promise<void> {
  const oldestGone = new Map<string, string>();
  for (const g of gone) {
    const seen = oldestGone.get(g.issueId);
    if (seen === undefined || g.hour < seen) oldestGone.set(g.issueId, g.hour);
  }
  const reached = [...oldestGone];
  await tx.execute(sql`
    with oldest as (
      select i.id, o.received_at, o.release, date_trunc('hour', o.received_at) as first_hour
      from issues i
      cross join lateral (
        select l.received_at, l.release from logs l where l.issue_id = i.id
        order by l.received_at, l.id limit 1
      ) o
      where i.id = any(${ids}::bigint[])
    ),
    reached (id, hour) as (
      select * from unnest(${textArrayLiteral(reached, ([id]) => id)}::bigint[],
                           ${textArrayLiteral(reached, ([, hour]) => hour)}::timestamptz[])
    ),
    boundary as (
      select o.id, o.first_hour from oldest o join reached r on r.id = o.id
      where r.hour <= o.first_hour
    ),
    present as (
      select distinct l.issue_id, k.kind, k.value from boundary b
      join logs l on l.issue_id = b.id and l.received_at >= b.first_hour
                 and l.received_at < b.first_hour + interval '1 hour'
      cross join lateral (values
        ('user', coalesce('id:' || l.user_id, 'session:' || l.session_id, 'ip:' || l.client_ip)),
        ('release', l.release), ('environment', l.environment)) as k(kind, value)
      where k.value is not null
    ),
    dropped as (
      delete from issue_values v using boundary b
      where v.issue_id = b.id and (
        v.last_hour < b.first_hour
        or (v.last_hour = b.first_hour and not exists (
              select 1 from present p
              where p.issue_id = v.issue_id and p.kind = v.kind and p.value = v.value)))
      returning v.issue_id, v.kind
    ),
    lost_users as (
      select issue_id, count(*) as n from dropped where kind = 'user' group by issue_id
    )
    update issues i set first_seen = o.received_at, first_release = o.release,
                        user_count = i.user_count - coalesce(l.n, 0)
    from oldest o left join lost_users l on l.issue_id = o.id
    where i.id = o.id`);
}
