import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { addDays } from "@/lib/db/partitions/day";
import { detachPartition, dropDetachedPartition } from "@/lib/db/partitions/detach";
import { listDayPartitions } from "@/lib/db/partitions/list";
import { queryRows } from "@/lib/db/query";
import { goneHoursJson, parseGoneHours, subtractDeletedEvents } from "./issue-counts";
import { effectiveRetentionDays, retentionCutoff } from "./policy";
import type { ProjectPolicy } from "./queries";

// Retention by whole days (issue 15 §3): a day partition whose every event is older than the
// longest retention of any project is expired for all of them, so it is detached and dropped
// instead of deleted row by row (lib/db/partitions/detach.ts: the lock on `logs` is waited for
// at most a few ms). The issues its error events counted for lose them first, exactly as a
// DELETE's events do (issue-counts.ts), in the transaction that drops the table. Projects with a
// shorter retention still delete their expired rows in batches (prune.ts), and those DELETEs
// read only the days that can hold them.

export interface DroppedDays {
  /** Day partitions dropped by this run. */
  dropped: string[];
  /** Expired days whose detach found `logs` busy: the next run drops them. */
  deferred: string[];
  /** Events the dropped days held: the tables' statistics estimate (dropDetachedDay). */
  events: number;
}

export async function dropExpiredDays(
  db: Db,
  now: Date,
  policies: readonly ProjectPolicy[],
): Promise<DroppedDays> {
  const result: DroppedDays = { dropped: [], deferred: [], events: 0 };
  // Without projects every event is an orphan, which the batched delete removes.
  if (policies.length === 0) return result;
  const longest = Math.max(...policies.map((p) => effectiveRetentionDays(p.retentionDays)));
  const cutoff = retentionCutoff(now, longest);
  for (const partition of await listDayPartitions(db)) {
    if (addDays(partition.day, 1) > cutoff) continue;
    if (partition.attached && !(await detachPartition(db, partition.name))) {
      result.deferred.push(partition.name);
      continue;
    }
    result.events += await dropDetachedDay(db, partition.name);
    result.dropped.push(partition.name);
  }
  return result;
}

/**
 * Subtracts a detached day's error events from their issues and drops it; says about how many
 * events it held. Nothing reads the whole day (1.26 GB for 1.4 M events, docs/performance.md):
 * the per-issue hours come from the day's partial index on issue_id (its predicate is
 * goneHoursJson's WHERE), which the planner is held to even when the table has no statistics
 * yet, and the event count is the table's estimate (pg_class.reltuples, kept by autovacuum's
 * ANALYZE), counted only when the table was never analyzed. Issue counts stay exact.
 */
async function dropDetachedDay(db: Db, name: string): Promise<number> {
  let events = 0;
  await dropDetachedPartition(db, name, async (tx) => {
    const table = sql.raw(`"${name}"`);
    await tx.execute(sql`set local enable_seqscan = off`);
    const [row] = await queryRows<{ estimate: number; hours: string }>(
      tx,
      sql`select (select reltuples::float8 from pg_class where oid = ${name}::regclass) as estimate,
                 ${goneHoursJson(table)} as hours`,
    );
    await tx.execute(sql`set local enable_seqscan = on`);
    const estimate = Number(row?.estimate ?? -1);
    events = estimate >= 0 ? Math.round(estimate) : await countRows(tx, table);
    await subtractDeletedEvents(tx, parseGoneHours(row?.hours));
  });
  return events;
}

async function countRows(tx: Db, table: SQL): Promise<number> {
  const [row] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from ${table}`);
  return row?.n ?? 0;
}
