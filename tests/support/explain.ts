import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";

/**
 * The plan of `query` as text, with sorts and sequential scans priced out (in a transaction, so
 * the settings end with it): on a small test table the planner would rather scan and sort, and
 * the test asks whether the index CAN serve the query without a sort.
 */
export async function explainWithIndexPreferred(db: Db, query: SQL): Promise<string> {
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw("SET LOCAL enable_sort = off"));
    await tx.execute(sql.raw("SET LOCAL enable_seqscan = off"));
    const rows = await queryRows<Record<string, string>>(
      tx as unknown as Db,
      sql`EXPLAIN ${query}`,
    );
    return rows.map((r) => Object.values(r)[0]).join("\n");
  });
}
