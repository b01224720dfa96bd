import type { Pool } from "pg";
import type { Db } from "./open";

// COPY FROM STDIN, where the driver can stream it (node-postgres). The ingest writes batches
// with it (lib/ingest/store.ts): Postgres takes COPY rows for about half the CPU of an
// INSERT … SELECT FROM unnest (docs/performance.md). PGlite and Neon have no such stream; for
// them copyInto() says undefined and callers keep their INSERT.

/** Streams `data` (COPY text format) into the table named in `statement`; resolves rows copied. */
export type CopyFn = (statement: string, data: string) => Promise<number>;

// Keyed by the drizzle handle, so code that holds only a Db (the ingest, tests) finds it.
const copiers = new WeakMap<object, CopyFn>();

export function copyInto(db: Db): CopyFn | undefined {
  return copiers.get(db);
}

export function enableCopy(db: Db, pool: Pool): void {
  copiers.set(db, (statement, data) => copyWithPool(pool, statement, data));
}

async function copyWithPool(pool: Pool, statement: string, data: string): Promise<number> {
  const { from } = await import("pg-copy-streams");
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    const stream = client.query(from(statement));
    await new Promise<void>((resolve, reject) => {
      stream.on("finish", resolve);
      stream.on("error", reject);
      stream.end(data);
    });
    return stream.rowCount;
  } catch (err) {
    // A COPY the server refused (a SQLSTATE such as 23505) leaves the connection usable: the
    // statement was rolled back. Anything else may have left it mid-protocol: drop it.
    if (!isStatementError(err)) broken = err as Error;
    throw err;
  } finally {
    client.release(broken);
  }
}

function isStatementError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) && !/^(08|57)/.test(code);
}
