import { sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";

// The invariant every issues test holds the database to: each issue's stored numbers are what
// its events, counted from scratch, say (docs/issues.md → Counting).

const identity = sql`coalesce('id:' || l.user_id, 'session:' || l.session_id, 'ip:' || l.client_ip)`;

/** Counted from the events themselves. */
async function fromEvents(db: Db, projectId: string) {
  return queryRows<Record<string, unknown>>(
    db,
    sql`select l.issue_id::text as id, count(*)::int as events,
               count(distinct ${identity})::int as users, max(l.level)::int as level,
               min(l.received_at)::text as first_seen, max(l.received_at)::text as last_seen
        from logs l where l.project_id = ${projectId} and l.issue_id is not null
        group by l.issue_id order by 1`,
  );
}

async function stored(db: Db, projectId: string) {
  return queryRows<Record<string, unknown>>(
    db,
    sql`select id::text as id, event_count::int as events, user_count::int as users,
               level::int as level, first_seen::text as first_seen, last_seen::text as last_seen
        from issues where project_id = ${projectId} order by 1`,
  );
}

async function hoursFromEvents(db: Db, projectId: string) {
  return queryRows(
    db,
    sql`select l.issue_id::text as id, date_trunc('hour', l.received_at)::text as hour,
               count(*)::int as n
        from logs l where l.project_id = ${projectId} and l.issue_id is not null
        group by 1, 2 order by 1, 2`,
  );
}

async function storedHours(db: Db, projectId: string) {
  return queryRows(
    db,
    sql`select h.issue_id::text as id, h.hour::text as hour, h.events::int as n
        from issue_hours h join issues i on i.id = h.issue_id
        where i.project_id = ${projectId} and h.events <> 0 order by 1, 2`,
  );
}

async function valuesFromEvents(db: Db, projectId: string) {
  return queryRows(
    db,
    sql`select distinct id, kind, value from (
          select l.issue_id::text as id, 'user' as kind, ${identity} as value
          from logs l where l.project_id = ${projectId} and l.issue_id is not null
          union all
          select l.issue_id::text, 'release', l.release from logs l
          where l.project_id = ${projectId} and l.issue_id is not null
          union all
          select l.issue_id::text, 'environment', l.environment from logs l
          where l.project_id = ${projectId} and l.issue_id is not null
        ) v where value is not null order by 1, 2, 3`,
  );
}

async function storedValues(db: Db, projectId: string) {
  return queryRows(
    db,
    sql`select v.issue_id::text as id, v.kind, v.value from issue_values v
        join issues i on i.id = v.issue_id where i.project_id = ${projectId}
        order by 1, 2, 3`,
  );
}

/** Issues, hours and values of the project agree with its events, exactly. */
export async function expectIssuesTrue(db: Db, projectId: string): Promise<void> {
  expect(await stored(db, projectId)).toEqual(await fromEvents(db, projectId));
  expect(await storedHours(db, projectId)).toEqual(await hoursFromEvents(db, projectId));
  expect(await storedValues(db, projectId)).toEqual(await valuesFromEvents(db, projectId));
}

export interface IssueRow {
  id: string;
  title: string;
  culprit: string | null;
  type: string | null;
  level: number;
  status: string;
  regressed: boolean;
  event_count: number;
  user_count: number;
  first_release: string | null;
  last_release: string | null;
}

export function issuesOf(db: Db, projectId: string): Promise<IssueRow[]> {
  return queryRows<IssueRow>(
    db,
    sql`select id::text as id, title, culprit, type, level::int as level, status, regressed,
               event_count::int as event_count, user_count::int as user_count,
               first_release, last_release
        from issues where project_id = ${projectId} order by event_count desc, title`,
  );
}
