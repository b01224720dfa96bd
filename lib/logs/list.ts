import type { Db } from "@/lib/db/open";
import { cursorKey, decodeCursor, encodeCursor, scopeDigest } from "./cursor";
import { type LogDto, toLogDto } from "./dto";
import type { LogFilters, PageParams } from "./filters";
import { effectiveProjectIds, type LogScope, positionOf } from "./page-query";
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
