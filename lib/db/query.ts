import type { SQL } from "drizzle-orm";
import type { Db } from "./open";

/**
 * Runs raw SQL and returns its rows. Every driver (pg, PGlite, Neon) answers with `{ rows }`,
 * but the shared PgDatabase type cannot say so.
 */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
