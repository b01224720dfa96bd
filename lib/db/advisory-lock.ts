import { sql } from "drizzle-orm";
import type { Db } from "./open";
import { queryRows } from "./query";

// Every cross-process lock Logwell takes is a transaction-scoped advisory lock named by a
// constant string, so one process dying releases it and no two names can collide by accident.
export type LockName =
  | "logwell:first-owner"
  | "logwell:migrate"
  | "logwell:prune"
  | "logwell:partitions";

/** Waits for the lock; held until `tx` ends. */
export async function lockForTransaction(tx: Db, name: LockName): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${name}))`);
}

/** Takes the lock if free (true), held until `tx` ends; false at once when another holds it. */
export async function tryLockForTransaction(tx: Db, name: LockName): Promise<boolean> {
  const [row] = await queryRows<{ locked: boolean }>(
    tx,
    sql`select pg_try_advisory_xact_lock(hashtext(${name})) as locked`,
  );
  return Boolean(row?.locked);
}
