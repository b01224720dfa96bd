import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";

// Attaching and detaching a day take locks that readers and ingest also take (ddl.ts,
// detach.ts). Each waits at most `lockTimeoutMs`, so nobody queues behind it for longer; a busy
// moment is retried a few times, then left to the next run.

/** How long an attach or detach may wait for its locks (ingest may queue behind it as long). */
export const lockTimeoutMs = 50;
const attempts = 3;

/** Runs `work` in a transaction; "busy" when its locks stayed taken on every attempt. */
export async function withShortLockTimeout<T>(
  db: Db,
  work: (tx: Db, setLockTimeout: () => Promise<unknown>) => Promise<T>,
): Promise<T | "busy"> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) =>
        work(tx as unknown as Db, () =>
          tx.execute(sql.raw(`set local lock_timeout = ${lockTimeoutMs}`)),
        ),
      );
    } catch (err) {
      if (!isLockTimeout(err)) throw err;
      if (attempt >= attempts) return "busy";
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

/** 55P03 lock_not_available: a lock timeout, not an outage of the database. */
function isLockTimeout(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    if ((e as { code?: unknown }).code === "55P03") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
