import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Pool, PoolClient } from "pg";
import { isStatementError } from "./errors";
import type { Db } from "./open";
import type { RunOptions, RunSql } from "./query";

// COPY FROM STDIN, where the driver can stream it (node-postgres). The ingest writes batches
// with it (lib/ingest/store/store.ts): Postgres takes COPY rows for about half the CPU of an
// INSERT … SELECT FROM unnest (docs/performance.md). PGlite and Neon have no such stream; for
// them copyInto() says undefined and callers keep their INSERT.
//
// Group commit: callers that arrive while `maxInFlight` COPYs are running wait, and then share
// ONE statement (one round trip, one commit, one WAL flush) instead of one each. A COPY writes
// all its rows or none, so every caller's rows are still committed together before it hears
// back, and nothing is committed for anyone when it fails. When Postgres refuses a shared COPY
// (a retried batch's duplicate id, a value it rejects), each caller's rows are copied again on
// their own, so every caller gets the answer its own rows deserve.
//
// A caller may bring work that must commit with its rows (the issue counters of its error
// events, lib/issues/ingest): a group holding any runs BEGIN; COPY; the work of all its callers
// at once; COMMIT. A group without any stays one autocommitted COPY, as plain logs always were.

/** Statements a caller's rows bring into the COPY's transaction. */
export interface CopyWork {
  /** Runs the work of every caller of the group that brought some (this one included). */
  runAll(group: readonly CopyWork[], run: RunSql): Promise<void>;
}

/** Resolves once all `rows` rows of `data` (COPY text format) are committed; else rejects. */
export type CopyFn = (
  statement: string,
  data: Buffer,
  rows: number,
  work?: CopyWork,
) => Promise<void>;

/** COPYs running at once per database; the pool (10) keeps room for everything else. */
const maxInFlight = 2;
/** A shared COPY stops taking callers at about this much data (one caller may exceed it). */
const maxGroupBytes = 4 * 1024 * 1024;

// Keyed by the drizzle handle, so code that holds only a Db (the ingest, tests) finds it.
const copiers = new WeakMap<object, CopyFn>();

export function copyInto(db: Db): CopyFn | undefined {
  return copiers.get(db);
}

export function enableCopy(db: Db, pool: Pool): void {
  const groups = new CopyGroups((statement, chunks, rows, works) =>
    copyWithPool(pool, statement, chunks, rows, works),
  );
  copiers.set(db, (statement, data, rows, work) => groups.submit(statement, data, rows, work));
}

type RunCopy = (
  statement: string,
  chunks: Buffer[],
  rows: number,
  works: CopyWork[],
) => Promise<void>;

interface Waiting {
  data: Buffer;
  rows: number;
  work?: CopyWork;
  resolve(): void;
  reject(err: unknown): void;
}

class CopyGroups {
  private readonly queues = new Map<string, Waiting[]>();
  private inFlight = 0;

  constructor(private readonly run: RunCopy) {}

  submit(statement: string, data: Buffer, rows: number, work?: CopyWork): Promise<void> {
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(statement) ?? [];
      queue.push({ data, rows, work, resolve, reject });
      this.queues.set(statement, queue);
      this.pump();
    });
  }

  private pump(): void {
    for (const [statement, queue] of this.queues) {
      if (this.inFlight >= maxInFlight) return;
      const group = takeGroup(queue);
      if (queue.length === 0) this.queues.delete(statement);
      this.inFlight++;
      void this.copyGroup(statement, group).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async copyGroup(statement: string, group: Waiting[]): Promise<void> {
    try {
      const rows = group.reduce((sum, w) => sum + w.rows, 0);
      await this.run(
        statement,
        group.map((w) => w.data),
        rows,
        worksOf(group),
      );
      for (const w of group) w.resolve();
    } catch (err) {
      if (group.length === 1 || !isStatementError(err)) {
        for (const w of group) w.reject(err);
        return;
      }
      // The shared statement was rolled back: nothing of anyone's is stored. Each alone now.
      await Promise.all(
        group.map((w) =>
          this.run(statement, [w.data], w.rows, worksOf([w])).then(w.resolve, w.reject),
        ),
      );
    }
  }
}

function worksOf(group: readonly Waiting[]): CopyWork[] {
  return group.flatMap((w) => (w.work ? [w.work] : []));
}

function takeGroup(queue: Waiting[]): Waiting[] {
  const group = [queue.shift() as Waiting];
  let bytes = group[0]?.data.length ?? 0;
  while (queue.length > 0 && bytes + (queue[0]?.data.length ?? 0) <= maxGroupBytes) {
    const next = queue.shift() as Waiting;
    bytes += next.data.length;
    group.push(next);
  }
  return group;
}

async function copyWithPool(
  pool: Pool,
  statement: string,
  chunks: Buffer[],
  rows: number,
  works: CopyWork[],
): Promise<void> {
  const { from } = await import("pg-copy-streams");
  const client = await pool.connect();
  let broken: Error | undefined;
  const inTransaction = works.length > 0;
  try {
    if (inTransaction) await client.query("begin");
    const stream = client.query(from(statement));
    await new Promise<void>((resolve, reject) => {
      stream.on("finish", resolve);
      stream.on("error", reject);
      for (const chunk of chunks) stream.write(chunk);
      stream.end();
    });
    // All rows or none: any other count is a broken driver, never a 202.
    if (stream.rowCount !== rows) {
      throw new Error(`COPY reported ${stream.rowCount} rows, expected ${rows}`);
    }
    if (inTransaction) {
      await (works[0] as CopyWork).runAll(works, runOnClient(client));
      await client.query("commit");
    }
  } catch (err) {
    // A COPY the server refused (a SQLSTATE such as 23505) leaves the connection usable: the
    // statement was rolled back. Anything else may have left it mid-protocol: drop it.
    if (!isStatementError(err)) broken = err as Error;
    else if (inTransaction) broken = await rollback(client);
    throw err;
  } finally {
    client.release(broken);
  }
}

/** Ends a failed transaction; a connection that cannot even roll back is dropped. */
async function rollback(client: PoolClient): Promise<Error | undefined> {
  try {
    await client.query("rollback");
    return undefined;
  } catch (err) {
    return err as Error;
  }
}

const dialect = new PgDialect();

/** Statements on the group's own connection, inside its transaction. */
function runOnClient(client: PoolClient): RunSql {
  return async <T>(query: SQL, options?: RunOptions) => {
    const { sql: text, params } = dialect.sqlToQuery(query);
    const name = options?.prepared;
    const result = name
      ? await client.query({ name, text, values: params })
      : await client.query(text, params);
    return result.rows as T[];
  };
}
