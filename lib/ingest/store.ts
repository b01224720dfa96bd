import { sql } from "drizzle-orm";
import { copyInto } from "@/lib/db/copy";
import { isDatabaseUnavailable, isDataError } from "@/lib/db/errors";
import type { Db } from "@/lib/db/open";
import { levelNumber } from "@/lib/db/schema";
import { logger } from "@/lib/log";
import { copyLogsStatement, copyText } from "./copy-text";
import { integerArrayLiteral, nestedTextArray, textArrayLiteral } from "./pg-array";
import type { NormalizedEvent } from "./schema";

// The insert: the whole batch is ONE statement committed before the 202 (threat decision 1).
// On node-postgres that statement is a COPY, Postgres's cheapest way in (about half the CPU per
// row of the INSERT below, docs/performance.md). COPY cannot skip rows, so a batch holding a
// client id already stored (a retry) fails as a whole with a unique violation and, having
// written nothing, is sent again as the INSERT … SELECT FROM unnest (one array per column) whose
// ON CONFLICT skips the duplicates against the partial unique index (project_id, client_id).
// PGlite and Neon always use the INSERT.

/** Facts the server adds, the same for every event of a request. */
export interface RequestFacts {
  projectId: string;
  receivedAt: Date;
  requestId: string;
  userAgent: string | null;
  clientIp: string | null;
  country: string | null;
}

export interface StoreResult {
  inserted: number;
  /** Indexes (into the given events) the database refused as data; the rest were stored. */
  refused: number[];
}

export function insertEvents(
  db: Db,
  facts: RequestFacts,
  events: readonly NormalizedEvent[],
): Promise<StoreResult> {
  return insertRebuildable(db, facts, events, () => events);
}

/**
 * insertEvents for a batch the caller can build again (ingest keeps the body text). While the
 * COPY waits for its turn and its commit (tens of ms under load), only its bytes are held: the
 * events, and the parsed JSON under them, die young instead of being promoted by V8's garbage
 * collector, which was ≈ 20 % of the server's CPU at batch 100 (docs/performance.md). The rare
 * refused COPY (a retried batch's stored id) rebuilds the events for the INSERT.
 */
export async function insertRebuildable(
  db: Db,
  facts: RequestFacts,
  events: readonly NormalizedEvent[],
  rebuild: () => readonly NormalizedEvent[],
): Promise<StoreResult> {
  const count = events.length;
  if (count === 0) return { inserted: 0, refused: [] };
  if (!copyInto(db)) return insertWithFallback(db, facts, events);
  return insertCopyRows(db, facts, Buffer.from(copyText(facts, events), "utf8"), count, rebuild);
}

/**
 * Stores `count` rows already in COPY text format (copyText, possibly made on a preparation
 * thread: copy-batch.ts). Drivers without COPY, and a COPY Postgres refuses as data, take the
 * INSERT path with the events rebuilt.
 */
export async function insertCopyRows(
  db: Db,
  facts: RequestFacts,
  data: Buffer,
  count: number,
  rebuild: () => readonly NormalizedEvent[],
): Promise<StoreResult> {
  const copy = copyInto(db);
  if (!copy) return insertWithFallback(db, facts, rebuild());
  // Resolves only when every row is committed (lib/db/copy.ts), possibly in a COPY shared with
  // other requests: a COPY never skips rows, so all of them were inserted.
  try {
    await copy(copyLogsStatement, data, count);
    return { inserted: count, refused: [] };
  } catch (copyError) {
    // 23505: a duplicate client id; other data errors: the INSERT path finds the culprits.
    if (isDatabaseUnavailable(copyError) || !isDataError(copyError)) throw copyError;
  }
  return insertWithFallback(db, facts, rebuild());
}

async function insertWithFallback(
  db: Db,
  facts: RequestFacts,
  events: readonly NormalizedEvent[],
): Promise<StoreResult> {
  try {
    return { inserted: await insertStatement(db, facts, events), refused: [] };
  } catch (queryError) {
    const err = driverError(queryError);
    if (isDatabaseUnavailable(err) || !isDataError(err)) throw err;
    // One refused row fails the whole statement (threat V-3). Sanitising should make this
    // unreachable; if not, find the culprits one savepoint at a time, still in one transaction.
    logger.warn(
      { code: (err as { code?: unknown }).code, events: events.length },
      "ingest: batch refused as data, retrying per event",
    );
    return insertOneByOne(db, facts, events);
  }
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

async function insertOneByOne(
  db: Db,
  facts: RequestFacts,
  events: readonly NormalizedEvent[],
): Promise<StoreResult> {
  return db.transaction(async (tx) => {
    let inserted = 0;
    const refused: number[] = [];
    for (const [index, event] of events.entries()) {
      try {
        inserted += await tx.transaction((savepoint) =>
          insertStatement(savepoint as unknown as Db, facts, [event]),
        );
      } catch (queryError) {
        const err = driverError(queryError);
        if (isDatabaseUnavailable(err) || !isDataError(err)) throw err;
        refused.push(index);
      }
    }
    return { inserted, refused };
  });
}

/** One array literal per column (the unnest below takes them in this order). */
function columnArrays(events: readonly NormalizedEvent[]) {
  return {
    clientIds: textArrayLiteral(events, (e) => e.clientId),
    times: textArrayLiteral(events, (e) => e.timestamp),
    levels: integerArrayLiteral(events, (e) => levelNumber[e.level]),
    messages: textArrayLiteral(events, (e) => e.message),
    loggers: textArrayLiteral(events, (e) => e.logger),
    urls: textArrayLiteral(events, (e) => e.url),
    stacks: textArrayLiteral(events, (e) => e.stack),
    releases: textArrayLiteral(events, (e) => e.release),
    environments: textArrayLiteral(events, (e) => e.environment),
    sessionIds: textArrayLiteral(events, (e) => e.sessionId),
    userIds: textArrayLiteral(events, (e) => e.userId),
    traceIds: textArrayLiteral(events, (e) => e.traceId),
    attributes: textArrayLiteral(events, (e) =>
      e.attributes === null ? null : JSON.stringify(e.attributes),
    ),
    userAgents: textArrayLiteral(events, (e) => e.clientUserAgent),
    truncated: textArrayLiteral(events, (e) => nestedTextArray(e.truncatedFields)),
    normalized: textArrayLiteral(events, (e) => nestedTextArray(e.normalizedFields)),
  };
}

async function insertStatement(
  db: Db,
  facts: RequestFacts,
  events: readonly NormalizedEvent[],
): Promise<number> {
  const c = columnArrays(events);
  // No RETURNING: the command's row count is the number inserted (conflicts are not counted).
  const result = await db.execute(sql`
    insert into logs (
      project_id, client_id, received_at, "timestamp", level, message, logger, url, stack,
      release, environment, session_id, user_id, trace_id, attributes, user_agent,
      client_ip, country, request_id, truncated_fields, normalized_fields
    )
    select
      ${facts.projectId}::uuid, r.client_id, ${facts.receivedAt.toISOString()}::timestamptz,
      r."timestamp", r.level, r.message, r.logger, r.url, r.stack, r.release, r.environment,
      r.session_id, r.user_id, r.trace_id, r.attributes::jsonb,
      coalesce(r.user_agent, ${facts.userAgent}::text), ${facts.clientIp}::text,
      ${facts.country}::text, ${facts.requestId}::uuid, r.truncated_fields::text[],
      r.normalized_fields::text[]
    from unnest(
      ${c.clientIds}::text[], ${c.times}::timestamptz[], ${c.levels}::smallint[], ${c.messages}::text[],
      ${c.loggers}::text[], ${c.urls}::text[], ${c.stacks}::text[], ${c.releases}::text[],
      ${c.environments}::text[], ${c.sessionIds}::text[], ${c.userIds}::text[], ${c.traceIds}::text[],
      ${c.attributes}::text[], ${c.userAgents}::text[], ${c.truncated}::text[], ${c.normalized}::text[]
    ) as r(
      client_id, "timestamp", level, message, logger, url, stack, release, environment,
      session_id, user_id, trace_id, attributes, user_agent, truncated_fields, normalized_fields
    )
    on conflict (project_id, client_id) where client_id is not null do nothing
  `);
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
