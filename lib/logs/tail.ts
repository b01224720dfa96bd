import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { cursorKey, decodeCursor, encodeCursor, type LogPosition, scopeDigest } from "./cursor";
import { type LogDto, toLogDto } from "./dto";
import type { LogFilters } from "./filters";
import { effectiveProjectIds, fetchPage, type LogScope, positionOf } from "./page-query";
import { withReadTimeout } from "./read-transaction";

// Live tail by polling: each poll returns the events after the caller's last seen
// (received_at, id), oldest first, plus a signed cursor for the next poll. Reconnecting with
// the last cursor therefore never repeats an event. Rows younger than `settleMs` are held back
// one poll: an ingest transaction that began earlier but commits later would otherwise land
// behind a position already passed and be skipped for good.

export const tailBatchLimit = 200;
export const settleMs = 2_000;

export interface TailBatch {
  logs: LogDto[];
  cursor: string;
  /** More events are waiting: poll again at once. */
  has_more: boolean;
}

/** The newest position every ingest transaction has surely committed by (id 0: before any row then). */
export async function settledNow(db: Db): Promise<LogPosition> {
  const [row] = await queryRows<{ t: string }>(
    db,
    sql`SELECT to_char((now() - ${`${settleMs} milliseconds`}::interval) AT TIME ZONE 'UTC',
                       'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS t`,
  );
  if (!row) throw new Error("now() returned no row");
  return { receivedAt: row.t, id: "0" };
}

/** A cursor to start tailing from: after `from` (e.g. the newest row shown), else from now. */
export async function startTail(
  db: Db,
  scope: LogScope,
  filters: LogFilters,
  from?: LogPosition,
): Promise<string> {
  const projectIds = effectiveProjectIds(scope, filters);
  const key = await cursorKey(db);
  const position = from ?? (await withReadTimeout(db, settledNow));
  return encodeCursor(key, position, scopeDigest(projectIds, filters, "newer"));
}

export async function tailLogs(
  db: Db,
  scope: LogScope,
  filters: LogFilters,
  cursor: string,
): Promise<TailBatch> {
  const projectIds = effectiveProjectIds(scope, filters);
  const key = await cursorKey(db);
  const digest = scopeDigest(projectIds, filters, "newer");
  const after = decodeCursor(key, cursor, digest);
  const { rows, settled } = await withReadTimeout(db, async (tx) => {
    const settled = await settledNow(tx);
    const settledFilters = { ...filters, to: minTime(filters.to, settled.receivedAt) };
    const rows = await fetchPage(tx, {
      projectIds,
      filters: settledFilters,
      limit: tailBatchLimit + 1,
      after,
    });
    return { rows, settled };
  });
  const logs = rows.slice(0, tailBatchLimit);
  const last = logs.at(-1);
  const next = last ? positionOf(last) : maxPosition(after, settled);
  return {
    logs: logs.map(toLogDto),
    cursor: encodeCursor(key, next, digest),
    has_more: rows.length > tailBatchLimit,
  };
}

function minTime(a: string | undefined, b: string): string {
  return a !== undefined && Date.parse(a) < Date.parse(b) ? a : b;
}

// With nothing new, the position may still move up to the settled time (id 0 sorts before
// every real row at that instant), so an idle tail does not rescan an ever-growing range.
function maxPosition(a: LogPosition, b: LogPosition): LogPosition {
  return a.receivedAt >= b.receivedAt ? a : b;
}
