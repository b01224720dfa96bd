import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import {
  type GoneHour,
  goneHoursJson,
  parseGoneHours,
  subtractDeletedEvents,
} from "./issue-counts";

// The SQL of a prune. Every delete is one bounded statement keyed by primary key, so no
// statement holds locks on millions of rows or outlives the time budget (threat CRON-4). All
// per-project predicates lead with project_id to use logs_project_received_idx, and carry a
// plain received_at bound where they have one, so only the day partitions that can hold the
// rows are read (whole expired days are dropped before, drop-days.ts).

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

/** A row's position in logs_project_received_idx, as Postgres text (a JS Date would cut µs). */
export interface RowKey {
  receivedAt: string;
  id: string;
}

export interface BatchBounds {
  /** Only events received before this instant. */
  before?: Date;
  /** Only rows at or before this one (the max_events boundary). */
  through?: RowKey;
  /** Only rows strictly before this one: where the previous batch stopped. */
  below?: RowKey;
}

/**
 * Deletes up to `limit` of a project's events, newest first within the bounds, in index order
 * (`desc nulls last` matches logs_project_received_idx, so no sort), and returns the last row it
 * took. Passing that back as `below` starts the next batch past the rows just deleted: without
 * it every batch re-walks the dead index entries of all previous ones, which made a 1M-row
 * prune quadratic. The issues of deleted error events follow in the same transaction
 * (issue-counts.ts).
 */
export function deleteBatch(
  db: Db,
  projectId: string,
  bounds: BatchBounds,
  limit: number,
): Promise<{ deleted: number; last?: RowKey }> {
  return db.transaction(async (tx) => {
    const batch = await deleteStatement(tx as unknown as Db, projectId, bounds, limit);
    await subtractDeletedEvents(tx as unknown as Db, batch.gone);
    return { deleted: batch.deleted, last: batch.last };
  });
}

async function deleteStatement(
  db: Db,
  projectId: string,
  bounds: BatchBounds,
  limit: number,
): Promise<{ deleted: number; last?: RowKey; gone: GoneHour[] }> {
  const { before, through, below } = bounds;
  const conditions = [
    sql`project_id = ${projectId}`,
    before ? sql`received_at < ${before.toISOString()}::timestamptz` : undefined,
    through ? sql`received_at <= ${through.receivedAt}::timestamptz` : undefined,
    through
      ? sql`(received_at, id) <= (${through.receivedAt}::timestamptz, ${through.id}::bigint)`
      : undefined,
    below ? sql`received_at <= ${below.receivedAt}::timestamptz` : undefined,
    below
      ? sql`(received_at, id) < (${below.receivedAt}::timestamptz, ${below.id}::bigint)`
      : undefined,
  ].filter((c) => c !== undefined);
  const [row] = await queryRows<{
    n: number;
    lastReceivedAt: string | null;
    lastId: string | null;
    issueHours: string;
  }>(
    db,
    sql`with doomed as (
          select id as doomed_id, received_at as doomed_at from logs
          where ${sql.join(conditions, sql` and `)}
          order by received_at desc nulls last, id desc nulls last
          limit ${limit}
        ), gone as (
          -- Joined on the whole key (a parameter per row prunes to the row's day partition) and
          -- under the same bounds (which prune the plan to the days that can hold them).
          delete from logs using doomed
          where id = doomed_id and received_at = doomed_at and ${sql.join(conditions, sql` and `)}
          returning issue_id, received_at
        ),
        last as (
          select d.doomed_at::text as r, d.doomed_id::text as i from doomed d
          order by d.doomed_at, d.doomed_id limit 1
        )
        select (select count(*)::int from gone) as n,
               (select r from last) as "lastReceivedAt", (select i from last) as "lastId",
               ${goneHoursJson(sql`gone`)} as "issueHours"`,
  );
  const last =
    row?.lastReceivedAt && row.lastId
      ? { receivedAt: row.lastReceivedAt, id: row.lastId }
      : undefined;
  return { deleted: row?.n ?? 0, last, gone: parseGoneHours(row?.issueHours) };
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
        order by received_at desc nulls last, id desc nulls last offset ${maxEvents} limit 1`,
  );
  return row;
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
