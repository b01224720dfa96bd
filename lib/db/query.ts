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

/**
 * Runs one statement and returns its rows, wherever the caller's transaction lives: a drizzle
 * handle (runOn) or the connection of a COPY group's transaction (lib/db/copy.ts).
 */
export type RunSql = <T>(query: SQL) => Promise<T[]>;

export function runOn(db: Db): RunSql {
  return (query) => queryRows(db, query);
}
