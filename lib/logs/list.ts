import type { Db } from "@/lib/db/open";
import { cursorKey, decodeCursor, encodeCursor, scopeDigest } from "./cursor";
import { type LogDto, toLogDto } from "./dto";
import type { LogFilters, PageParams } from "./filters";
import { effectiveProjectIds, fetchPage, type LogScope, positionOf } from "./page-query";
import { withReadTimeout } from "./read-transaction";
import { fetchWindowedPage, searchWindowMs } from "./search-window";

export interface LogPage {
  logs: LogDto[];
  next_cursor: string | null;
}

/**
 * GET /api/v1/logs and the explorer table: newest first by (received_at, id). A cursor is
 * only accepted for the exact scope and filters it was issued for (else ApiError
 * "invalid_cursor"); the scope is applied in SQL whatever the cursor says. With `q`, a page
 * may hold fewer than `limit` events and still carry a `next_cursor`.
 */
export async function listLogs(
  db: Db,
  scope: LogScope,
  filters: LogFilters,
  page: PageParams,
  options: { searchWindowMs?: number } = {},
): Promise<LogPage> {
  const projectIds = effectiveProjectIds(scope, filters);
  const key = await cursorKey(db);
  const digest = scopeDigest(projectIds, filters, "older");
  const before = page.cursor ? decodeCursor(key, page.cursor, digest) : undefined;
  // One extra row tells whether an older page exists, so the last page has next_cursor null.
  const { rows, resumeAt } = await withReadTimeout(db, (tx) =>
    fetchWindowedPage(
      tx,
      { projectIds, filters, limit: page.limit + 1, before },
      options.searchWindowMs ?? searchWindowMs(),
    ),
  );
  const logs = rows.slice(0, page.limit);
  const last = logs.at(-1);
  // A text search may return a short page that still has a cursor (see search-window.ts).
  const next = rows.length > page.limit && last ? positionOf(last) : resumeAt;
  const next_cursor = next ? encodeCursor(key, next, digest) : null;
  return { logs: logs.map(toLogDto), next_cursor };
}

/**
 * The explorer's "‹ Newer" page: the `limit` events just newer than a position, newest first
 * like every page. Its cursor is a "newer" one (the tail's: `startTail` from the first row
 * shown), bound to the scope and filters like every cursor; its `next_cursor` is an ordinary
 * older cursor from its last row, so "Load older" carries on from there. `has_newer` says
 * whether events newer than this page exist.
 */
export async function listNewerLogs(
  db: Db,
  scope: LogScope,
  filters: LogFilters,
  page: { limit: number; cursor: string },
): Promise<LogPage & { has_newer: boolean }> {
  const projectIds = effectiveProjectIds(scope, filters);
  const key = await cursorKey(db);
  const after = decodeCursor(key, page.cursor, scopeDigest(projectIds, filters, "newer"));
  // Oldest first from the position; one extra row tells whether a newer page exists.
  const rows = await withReadTimeout(db, (tx) =>
    fetchPage(tx, { projectIds, filters, limit: page.limit + 1, after }),
  );
  const logs = rows.slice(0, page.limit).reverse();
  const last = logs.at(-1);
  const older = scopeDigest(projectIds, filters, "older");
  return {
    logs: logs.map(toLogDto),
    next_cursor: last ? encodeCursor(key, positionOf(last), older) : null,
    has_newer: rows.length > page.limit,
  };
}
