import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { env } from "@/lib/env";

/**
 * Runs read queries in a short READ ONLY transaction with `SET LOCAL statement_timeout`, so a
 * search over a huge range is cancelled (SQLSTATE 57014 → 503 via isDatabaseUnavailable)
 * instead of holding a connection and the request open (threat QRY-5). SET LOCAL ends with
 * the transaction, so pooled connections go back unchanged.
 */
export async function withReadTimeout<T>(
  db: Db,
  run: (tx: Db) => Promise<T>,
  timeoutMs: number = env().LOGWELL_QUERY_TIMEOUT_MS,
): Promise<T> {
  const ms = Math.max(1, Math.floor(timeoutMs));
  // `accessMode` makes node-postgres send `BEGIN READ ONLY`: one round trip fewer per read.
  return db.transaction(
    async (tx) => {
      await tx.execute(sql.raw(`SET LOCAL statement_timeout = ${ms}`));
      return run(tx as unknown as Db);
    },
    { accessMode: "read only" },
  );
}
