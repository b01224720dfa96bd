import type { Db } from "@/lib/db/open";
import { cursorKey, decodeCursor, encodeCursor, scopeDigest } from "./cursor";
import { type LogDto, toLogDto } from "./dto";
import type { LogFilters, PageParams } from "./filters";
import { effectiveProjectIds, fetchPage, type LogScope, positionOf } from "./page-query";
import { withReadTimeout } from "./read-transaction";

export interface LogPage {
  logs: LogDto[];
  next_cursor: string | null;
}

/**
 * GET /api/v1/logs and the explorer table: newest first by (received_at, id). A cursor is
 * only accepted for the exact scope and filters it was issued for (else ApiError
 * "invalid_cursor"); the scope is applied in SQL whatever the cursor says.
 */
export async function listLogs(
  db: Db,
  scope: LogScope,
  filters: LogFilters,
  page: PageParams,
): Promise<LogPage> {
  const projectIds = effectiveProjectIds(scope, filters);
  const key = await cursorKey(db);
  const digest = scopeDigest(projectIds, filters, "older");
  const before = page.cursor ? decodeCursor(key, page.cursor, digest) : undefined;
  // One extra row tells whether an older page exists, so the last page has next_cursor null.
  const rows = await withReadTimeout(db, (tx) =>
    fetchPage(tx, { projectIds, filters, limit: page.limit + 1, before }),
  );
  const logs = rows.slice(0, page.limit);
  const last = logs.at(-1);
  const next_cursor =
    rows.length > page.limit && last ? encodeCursor(key, positionOf(last), digest) : null;
  return { logs: logs.map(toLogDto), next_cursor };
}
