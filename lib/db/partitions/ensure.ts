import { sql } from "drizzle-orm";
import { lockForTransaction } from "@/lib/db/advisory-lock";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { addDays, partitionName, utcDay } from "./day";
import { attachStatement, dayPartitionStatements } from "./ddl";
import { withShortLockTimeout } from "./lock-timeout";

// Partitions are made ahead by Logwell itself (no pg_partman, no pg_cron): after migrating (so
// at every start and in every test database), and by each retention run (Vercel's cron or the
// self-hosted timer). Each day is one short transaction under an advisory lock, so instances
// starting together take turns and the later ones find the day attached. The attach waits at
// most lockTimeoutMs (lock-timeout.ts) for its locks (SHARE UPDATE EXCLUSIVE on logs, ACCESS
// EXCLUSIVE on the default partition, which readers of unbounded ranges also touch): a busy
// moment makes it give up, never makes ingest queue behind it; a later run tries again, days
// before the day is due.

/** Days made ahead of today, today included. The issue asks for at least 7. */
export const partitionDaysAhead = 8;

export interface EnsureResult {
  /** Partitions this call attached. */
  created: string[];
  /** Days it could not attach now (lock timeout); a later run retries them. */
  deferred: string[];
}

/** Makes sure today's and the next days' partitions exist (idempotent, safe concurrently). */
export function ensureLogPartitions(db: Db, now: Date): Promise<EnsureResult> {
  return ensureDayPartitions(db, utcDay(now), partitionDaysAhead);
}

/** The partitions of `count` days from `firstDay` (tests make past days with it too). */
export async function ensureDayPartitions(
  db: Db,
  firstDay: Date,
  count: number,
): Promise<EnsureResult> {
  const result: EnsureResult = { created: [], deferred: [] };
  for (let i = 0; i < count; i++) {
    const day = addDays(utcDay(firstDay), i);
    const outcome = await attachDay(db, day);
    if (outcome === "created") result.created.push(partitionName(day));
    if (outcome === "deferred") result.deferred.push(partitionName(day));
  }
  return result;
}

async function attachDay(db: Db, day: Date): Promise<"created" | "present" | "deferred"> {
  const outcome = await withShortLockTimeout(db, async (tx, setLockTimeout) => {
    // Waits for another instance making days; the attach below is what must not wait long.
    await lockForTransaction(tx, "logwell:partitions");
    if (await isAttached(tx, partitionName(day))) return "present" as const;
    for (const statement of dayPartitionStatements(day)) await tx.execute(statement);
    await setLockTimeout();
    await tx.execute(attachStatement(day));
    return "created" as const;
  });
  return outcome === "busy" ? "deferred" : outcome;
}

async function isAttached(tx: Db, name: string): Promise<boolean> {
  const [row] = await queryRows<{ attached: boolean }>(
    tx,
    sql`select exists (
          select 1 from pg_inherits i join pg_class c on c.oid = i.inhrelid
          where i.inhparent = 'logs'::regclass and c.relname = ${name}
        ) as attached`,
  );
  return Boolean(row?.attached);
}
