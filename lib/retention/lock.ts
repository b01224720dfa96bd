import { tryLockForTransaction } from "@/lib/db/advisory-lock";
import type { Db } from "@/lib/db/open";

// PGlite is one connection in one process (the data-dir lock guarantees it), and advisory locks
// are re-entrant within a session, so there the lock is an in-process flag per database.
const embeddedRuns = new WeakSet<object>();

function embeddedClient(db: Db): object | undefined {
  const client = (db as unknown as { $client?: object }).$client;
  return client && "waitReady" in client ? client : undefined;
}

/**
 * Runs `work` only if no other prune holds the lock; returns undefined when one does. On a
 * server database the lock is a try-advisory lock (lib/db/advisory-lock.ts) held by an otherwise idle transaction
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
    if (!(await tryLockForTransaction(tx as unknown as Db, "logwell:prune"))) return undefined;
    return work();
  });
}
