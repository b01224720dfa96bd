import { sql } from "drizzle-orm";
import { copyInto } from "@/lib/db/copy";
import { isDatabaseUnavailable, isDataError } from "@/lib/db/errors";
import type { Db } from "@/lib/db/open";
import { queryRows, runOn } from "@/lib/db/query";
import type { NormalizedEvent } from "@/lib/ingest/normalize/schema";
import {
  countIssueEvents,
  hasIssueMembers,
  IssueCopyWork,
  type IssueDelta,
  issueDeltas,
} from "@/lib/issues/ingest";
import { logger } from "@/lib/log";
import { copyLogsStatement, copyText } from "./copy-text";
import { insertLogs } from "./unnest-insert";
import type { RequestFacts } from "./write-column";

// The insert: the whole batch is ONE statement committed before the 202 (threat decision 1).
// On node-postgres that statement is a COPY, Postgres's cheapest way in (about half the CPU per
// row of the INSERT below, docs/performance.md). COPY cannot skip rows, so a batch holding a
// client id already stored (a retry) fails as a whole with a unique violation and, having
// written nothing, is sent again as the INSERT … SELECT FROM unnest (one array per column) whose
// ON CONFLICT skips the duplicates against the partial unique index (project_id, client_id) of
// the day's partition (so within a UTC day: docs/architecture.md → Storage).
// PGlite and Neon always use the INSERT.
//
// Events that belong to issues (lib/issues/ingest) bring their issue counters into the same
// transaction, counted from the rows actually inserted: the COPY's group commit runs them after
// its COPY (all rows or none are inserted), the INSERT learns its inserted rows by RETURNING
// (a retried client id is skipped, never counted twice). Batches without issue members keep
// the single autocommitted statement.

export type { RequestFacts };

export interface StoreResult {
  inserted: number;
  /** Indexes (into the given events) the database refused as data; the rest were stored. */
  refused: number[];
}

export async function insertEvents(
  db: Db,
  facts: RequestFacts,
  events: readonly NormalizedEvent[],
): Promise<StoreResult> {
  const count = events.length;
  if (count === 0) return { inserted: 0, refused: [] };
  if (!copyInto(db)) return insertWithFallback(db, facts, events);
  return insertCopyRows(
    db,
    facts,
    Buffer.from(copyText(facts, events), "utf8"),
    count,
    () => events,
    hasIssueMembers(events) ? issueDeltas(facts, events) : undefined,
  );
}

/**
 * Stores `count` rows already in COPY text format (copy-batch.ts, on a preparation thread or
 * the main thread). Drivers without COPY, and a COPY Postgres refuses as data, take the INSERT
 * path with the events rebuilt. Ingest passes only the bytes and a way to make the events again
 * from the body text: while the COPY waits for its turn and its commit (tens of ms under load),
 * the events and the parsed JSON under them die young instead of being promoted by V8's garbage
 * collector, which was ≈ 20 % of the server's CPU at batch 100 (docs/performance.md).
 */
export async function insertCopyRows(
  db: Db,
  facts: RequestFacts,
  data: Buffer,
  count: number,
  rebuild: () => readonly NormalizedEvent[],
  issues?: readonly IssueDelta[] | string,
): Promise<StoreResult> {
  const copy = copyInto(db);
  if (!copy) return insertWithFallback(db, facts, rebuild());
  // Resolves only when every row is committed (lib/db/copy.ts), possibly in a COPY shared with
  // other requests: a COPY never skips rows, so all of them were inserted, and `issues` (the
  // summary of all of them, or its JSON from copy-batch.ts) is what its transaction counted.
  try {
    const work = issues && issues.length > 0 ? new IssueCopyWork(issues) : undefined;
    await copy(copyLogsStatement, data, count, work);
    return { inserted: count, refused: [] };
  } catch (copyError) {
    // 23505: a duplicate client id; other data errors: the INSERT path finds the culprits.
    if (isDatabaseUnavailable(copyError) || !isDataError(copyError)) throw copyError;
  }
  return insertWithFallback(db, facts, rebuild());
}

/**
 * The INSERT path inside a caller's transaction `tx`, beside its other writes (Sentry counters,
 * sdk-health.ts): never a COPY, whose group commit is a transaction of its own. The statement
 * runs under a savepoint, so a refusal as data rolls back only the statement and the culprits
 * are found as on the path alone; the caller's transaction commits everything, or nothing.
 */
export function insertEventsInTransaction(
  tx: Db,
  facts: RequestFacts,
  events: readonly NormalizedEvent[],
): Promise<StoreResult> {
  if (events.length === 0) return Promise.resolve({ inserted: 0, refused: [] });
  return insertWithFallback(tx, facts, events, true);
}

async function insertWithFallback(
  db: Db,
  facts: RequestFacts,
  events: readonly NormalizedEvent[],
  inTransaction = false,
): Promise<StoreResult> {
  if (hasIssueMembers(events)) {
    return inTransaction
      ? insertCounted(db, facts, events)
      : db.transaction((tx) => insertCounted(tx as unknown as Db, facts, events));
  }
  const { inserted, refused } = await orOneByOne(db, facts, events, async () => ({
    inserted: inTransaction
      ? await db.transaction((savepoint) =>
          insertStatement(savepoint as unknown as Db, facts, events),
        )
      : await insertStatement(db, facts, events),
    refused: [],
  }));
  return { inserted, refused };
}

/**
 * Runs `insert`, the batch as one statement. One refused row fails the whole statement (threat
 * V-3): sanitising should make this unreachable; if not, find the culprits one savepoint at a
 * time, still in one transaction. Outages and any other error are thrown.
 */
async function orOneByOne<T extends StoreResult>(
  db: Db,
  facts: RequestFacts,
  events: readonly NormalizedEvent[],
  insert: () => Promise<T>,
): Promise<T | (StoreResult & { events: NormalizedEvent[] })> {
  try {
    return await insert();
  } catch (queryError) {
    const err = driverError(queryError);
    if (isDatabaseUnavailable(err) || !isDataError(err)) throw err;
    logger.warn(
      { code: (err as { code?: unknown }).code, events: events.length },
      "ingest: batch refused as data, retrying per event",
    );
    return insertOneByOne(db, facts, events);
  }
}

/**
 * Events with issue members, in the transaction `tx`: the INSERT (under a savepoint, so a
 * refusal as data falls back per event in the same transaction) says by RETURNING which rows
 * it inserted, and only those are counted.
 */
async function insertCounted(
  tx: Db,
  facts: RequestFacts,
  events: readonly NormalizedEvent[],
): Promise<StoreResult> {
  const stored = await orOneByOne(tx, facts, events, () =>
    tx.transaction((savepoint) => insertReturning(savepoint as unknown as Db, facts, events)),
  );
  await countIssueEvents(runOn(tx), [issueDeltas(facts, stored.events)]);
  return { inserted: stored.inserted, refused: stored.refused };
}

async function insertReturning(
  db: Db,
  facts: RequestFacts,
  events: readonly NormalizedEvent[],
): Promise<StoreResult & { events: NormalizedEvent[] }> {
  const rows = await queryRows<{ client_id: string | null }>(
    db,
    sql`${insertLogs(facts, events)} returning client_id`,
  );
  // Client ids are unique within a request (normalize/batch.ts); events without one always go in.
  const ids = new Set(rows.map((r) => r.client_id));
  const inserted = events.filter((e) => e.clientId === null || ids.has(e.clientId));
  if (inserted.length !== rows.length) {
    throw new Error(`insert returned ${rows.length} rows for ${inserted.length} events`);
  }
  return { inserted: rows.length, refused: [], events: inserted };
}

/**
 * Drizzle's query error carries the statement's parameters, i.e. the whole batch: whoever logs
 * it would copy client payloads into our logs (threats INJ-1, PRIV-2). Keep the driver's error.
 */
function driverError(err: unknown): unknown {
  const wrapper = err as { params?: unknown; cause?: unknown } | null;
  return wrapper && typeof wrapper === "object" && "params" in wrapper && wrapper.cause
    ? wrapper.cause
    : err;
}

/** Each event under its own savepoint, in one transaction; says which were inserted. */
async function insertOneByOne(
  db: Db,
  facts: RequestFacts,
  events: readonly NormalizedEvent[],
): Promise<StoreResult & { events: NormalizedEvent[] }> {
  return db.transaction(async (tx) => {
    const inserted: NormalizedEvent[] = [];
    const refused: number[] = [];
    for (const [index, event] of events.entries()) {
      try {
        const n = await tx.transaction((savepoint) =>
          insertStatement(savepoint as unknown as Db, facts, [event]),
        );
        if (n === 1) inserted.push(event);
      } catch (queryError) {
        const err = driverError(queryError);
        if (isDatabaseUnavailable(err) || !isDataError(err)) throw err;
        refused.push(index);
      }
    }
    return { inserted: inserted.length, refused, events: inserted };
  });
}

async function insertStatement(
  db: Db,
  facts: RequestFacts,
  events: readonly NormalizedEvent[],
): Promise<number> {
  // No RETURNING: the command's row count is the number inserted (conflicts are not counted).
  const result = await db.execute(insertLogs(facts, events));
  const inserted = commandRowCount(result);
  // A count the driver did not report (or a nonsense one) must never become a 202.
  if (!Number.isInteger(inserted) || inserted < 0 || inserted > events.length) {
    throw new Error(`insert returned an impossible count: ${inserted}`);
  }
  return inserted;
}

/** Rows the command touched: node-postgres and Neon say `rowCount`, PGlite `affectedRows`. */
function commandRowCount(result: unknown): number {
  const { rowCount, affectedRows } = result as { rowCount?: unknown; affectedRows?: unknown };
  return Number(typeof rowCount === "number" ? rowCount : (affectedRows ?? Number.NaN));
}
