import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";

// The SQL of a prune. Every delete is one bounded statement keyed by primary key, so no
// statement holds locks on millions of rows or outlives the time budget (threat CRON-4). All
// per-project predicates lead with project_id to use logs_project_received_idx.

export interface ProjectPolicy {
  id: string;
  name: string;
  retentionDays: number;
  maxEvents: number | null;
}

export async function listProjectPolicies(db: Db, projectId?: string): Promise<ProjectPolicy[]> {
  const where = projectId ? sql`where id = ${projectId}` : sql``;
  return queryRows<ProjectPolicy>(
    db,
    sql`select id, name, retention_days as "retentionDays", max_events as "maxEvents"
        from projects ${where} order by id`,
  );
}

async function count(db: Db, query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, query);
  return row?.n ?? 0;
}

/** Deletes up to `limit` events received before `cutoff`; returns how many went. */
export function deleteExpiredBatch(db: Db, projectId: string, cutoff: Date, limit: number) {
  return count(
    db,
    sql`with doomed as (
          select id from logs
          where project_id = ${projectId} and received_at < ${cutoff.toISOString()}::timestamptz
          limit ${limit}
        ), gone as (delete from logs where id in (select id from doomed) returning 1)
        select count(*)::int as n from gone`,
  );
}

export function countExpired(db: Db, projectId: string, cutoff: Date) {
  return count(
    db,
    sql`select count(*)::int as n from logs
        where project_id = ${projectId} and received_at < ${cutoff.toISOString()}::timestamptz`,
  );
}

export function countProjectEvents(db: Db, projectId: string) {
  return count(db, sql`select count(*)::int as n from logs where project_id = ${projectId}`);
}

/**
 * The newest event beyond a project's `max_events` cap (everything at or before it goes), as
 * Postgres text so microseconds survive the round trip that a JS Date would cut.
 */
export async function capBoundary(db: Db, projectId: string, maxEvents: number) {
  const [row] = await queryRows<{ receivedAt: string; id: string }>(
    db,
    sql`select received_at::text as "receivedAt", id::text as id from logs
        where project_id = ${projectId}
        order by received_at desc, id desc offset ${maxEvents} limit 1`,
  );
  return row;
}

export function deleteThroughBoundaryBatch(
  db: Db,
  projectId: string,
  boundary: { receivedAt: string; id: string },
  limit: number,
) {
  return count(
    db,
    sql`with doomed as (
          select id from logs
          where project_id = ${projectId}
            and (received_at, id) <= (${boundary.receivedAt}::timestamptz, ${boundary.id}::bigint)
          limit ${limit}
        ), gone as (delete from logs where id in (select id from doomed) returning 1)
        select count(*)::int as n from gone`,
  );
}

/**
 * Project ids that still have events but no project row (projects are deleted without a cascade
 * on logs). A loose index scan: one index probe per distinct project, not a scan of every event.
 */
export async function orphanProjectIds(db: Db): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`with recursive seen(id) as (
          (select project_id from logs order by project_id limit 1)
          union all
          select (select project_id from logs where project_id > seen.id order by project_id limit 1)
          from seen where seen.id is not null
        )
        select id from seen
        where id is not null and not exists (select 1 from projects p where p.id = seen.id)`,
  );
  return rows.map((r) => r.id);
}

export function deleteProjectEventsBatch(db: Db, projectId: string, limit: number) {
  return count(
    db,
    sql`with doomed as (select id from logs where project_id = ${projectId} limit ${limit}),
        gone as (delete from logs where id in (select id from doomed) returning 1)
        select count(*)::int as n from gone`,
  );
}
