import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";

// Any constant shared by every Logwell process on a database: hashtext('logwell:prune').
const pruneLockSql = sql`hashtext('logwell:prune')`;

// PGlite is one connection in one process (the data-dir lock guarantees it), and advisory locks
// are re-entrant within a session, so there the lock is an in-process flag per database.
const embeddedRuns = new WeakSet<object>();

function embeddedClient(db: Db): object | undefined {
  const client = (db as unknown as { $client?: object }).$client;
  return client && "waitReady" in client ? client : undefined;
}

/**
 * Runs `work` only if no other prune holds the lock; returns undefined when one does. On a
 * server database the lock is `pg_try_advisory_xact_lock` held by an otherwise idle transaction
 * while `work` deletes through other pooled connections, so each batch commits on its own and the
 * lock is released even if this process dies (threat CRON-2: overlapping and duplicate runs).
 */
export async function withPruneLock<T>(db: Db, work: () => Promise<T>): Promise<T | undefined> {
  const embedded = embeddedClient(db);
  if (embedded) {
    if (embeddedRuns.has(embedded)) return undefined;
    embeddedRuns.add(embedded);
    try {
      return await work();
    } finally {
      embeddedRuns.delete(embedded);
    }
  }
  return db.transaction(async (tx) => {
    const [row] = await queryRows<{ locked: boolean }>(
      tx as unknown as Db,
      sql`select pg_try_advisory_xact_lock(${pruneLockSql}) as locked`,
    );
    if (!row?.locked) return undefined;
    return work();
  });
}
