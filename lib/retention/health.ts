import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { defaultPartitionRows, listDayPartitions } from "@/lib/db/partitions/list";
import { queryRows } from "@/lib/db/query";
import { type LastPrune, readLastPrune } from "./last-run";

export interface StorageMetrics {
  projects: number;
  /** Events received since 00:00 UTC. */
  events_today: number;
  oldest_event_at: string | null;
  /** Oldest stored event per project (ids only): shows whether retention keeps up. */
  oldest_event_by_project: { project_id: string; oldest_received_at: string | null }[];
  /**
   * The day partitions of `logs` (first and last UTC day attached) and the rows of the default
   * partition, which stays empty while every day has its partition: more than 0 means days
   * were not made ahead (the prune has not run; the next run moves the rows in).
   */
  partitions: {
    days: number;
    first_day: string | null;
    last_day: string | null;
    default_rows: number;
  };
}

// Per-project subqueries lead with project_id, so each is an index probe or range on
// logs_project_received_idx, never a scan of the whole table. At most 100 projects are listed.
export async function storageMetrics(db: Db, now = new Date()): Promise<StorageMetrics> {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const rows = await queryRows<{
    id: string;
    oldest: Date | string | null;
    today: number;
    total: number;
  }>(
    db,
    sql`select p.id,
          (select l.received_at from logs l where l.project_id = p.id
            order by l.received_at asc nulls first, l.id asc nulls first limit 1) as oldest,
          (select count(*)::int from logs l
            where l.project_id = p.id and l.received_at >= ${today.toISOString()}::timestamptz) as today,
          count(*) over ()::int as total
        from projects p order by p.id limit 100`,
  );
  const iso = (ts: Date | string | null) => (ts ? new Date(ts).toISOString() : null);
  const attached = (await listDayPartitions(db)).filter((p) => p.attached);
  const dayText = (day: Date | undefined) => day?.toISOString().slice(0, 10) ?? null;
  const oldest = rows
    .map((r) => iso(r.oldest))
    .filter((t): t is string => t !== null)
    .sort()[0];
  return {
    projects: rows[0]?.total ?? 0,
    events_today: rows.reduce((sum, r) => sum + r.today, 0),
    oldest_event_at: oldest ?? null,
    oldest_event_by_project: rows.map((r) => ({
      project_id: r.id,
      oldest_received_at: iso(r.oldest),
    })),
    partitions: {
      days: attached.length,
      first_day: dayText(attached[0]?.day),
      last_day: dayText(attached.at(-1)?.day),
      default_rows: await defaultPartitionRows(db),
    },
  };
}

export interface RetentionHealth {
  last_prune: Pick<LastPrune, "at" | "deleted" | "done"> | null;
  metrics: StorageMetrics;
}

export async function retentionHealth(db: Db): Promise<RetentionHealth> {
  const [last, metrics] = await Promise.all([readLastPrune(db), storageMetrics(db)]);
  return {
    last_prune: last ? { at: last.at, deleted: last.deleted, done: last.done } : null,
    metrics,
  };
}
