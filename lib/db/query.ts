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
 * `prepared` names a statement whose text is always the same (only its parameters change):
 * where the connection keeps prepared statements (node-postgres, the COPY group's connection),
 * Postgres parses and plans it once per connection instead of on every call, which for the
 * issue counters was most of their cost (docs/performance.md). Elsewhere it is ignored. One
 * name must never be given two texts: node-postgres refuses the second.
 */
export interface RunOptions {
  prepared?: string;
}

/**
 * Runs one statement and returns its rows, wherever the caller's transaction lives: a drizzle
 * handle (runOn) or the connection of a COPY group's transaction (lib/db/copy.ts).
 */
export type RunSql = <T>(query: SQL, options?: RunOptions) => Promise<T[]>;

export function runOn(db: Db): RunSql {
  return (query) => queryRows(db, query);
}
