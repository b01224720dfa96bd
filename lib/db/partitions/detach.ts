import type { Db } from "@/lib/db/open";
import { detachStatement, dropStatement } from "./ddl";
import { withShortLockTimeout } from "./lock-timeout";

// Retention drops whole days (lib/retention/drop-days.ts) in two steps. DETACH takes ACCESS
// EXCLUSIVE on `logs` (DETACH … CONCURRENTLY is refused while a default partition exists), so it
// runs alone in its transaction and waits at most lockTimeoutMs (lock-timeout.ts) for the
// lock: ingest and reads queue behind it for no longer than that, and a busy moment defers the
// day to a later run. The detached table is then read (what its rows counted for) and dropped
// in a transaction that holds no lock on `logs`. A run that stops between the two leaves a
// detached day table, which the next run finishes.

/** Detaches a day's partition; false when its lock stayed busy (a later run retries). */
export async function detachPartition(db: Db, name: string): Promise<boolean> {
  const outcome = await withShortLockTimeout(db, async (tx, setLockTimeout) => {
    await setLockTimeout();
    await tx.execute(detachStatement(name));
  });
  return outcome !== "busy";
}

/**
 * Runs `account` (what the rows counted for, e.g. issue counters) and drops the detached table
 * `name`, in one transaction: both happen, or neither.
 */
export function dropDetachedPartition(
  db: Db,
  name: string,
  account: (tx: Db) => Promise<void>,
): Promise<void> {
  return db.transaction(async (txHandle) => {
    const tx = txHandle as unknown as Db;
    await account(tx);
    await tx.execute(dropStatement(name));
  });
}
