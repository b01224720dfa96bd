import type { Db } from "@/lib/db/open";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { cursorKey, decodeCursor, encodeCursor, type LogPosition, scopeDigest } from "./cursor";
import { type LogDto, toLogDto } from "./dto";
import {
  csvHeader,
  csvRows,
  csvTruncationRow,
  type ExportFormat,
  jsonRows,
  ndjsonRows,
} from "./export-format";
import type { LogFilters } from "./filters";
import { effectiveProjectIds, type LogScope, positionOf } from "./page-query";
import { withReadTimeout } from "./read-transaction";
import { fetchWindowedPage } from "./search-window";

export interface ExportOptions {
  format: ExportFormat;
  /** Continue an export (or a listing) from its cursor. */
  cursor?: string;
  rowCap?: number;
  pageSize?: number;
  /**
   * Reads (pages, or time slices of a text search) per download; default twice what the row
   * cap needs. A rare term returns few rows per slice, so the row cap alone let one download
   * walk every day of a decade of retention, one statement_timeout each (threat EXP-3).
   */
  readBudget?: number;
  /**
   * Called before every page: the project ids the caller may still read. An export that
   * outlives a revoked membership or a deleted project stops reading it (threat EXP-3).
   */
  recheckScope: () => Promise<readonly string[]>;
}

/**
 * A streamed export: each pull reads one keyset page in its own short transaction, so memory
 * and connection time stay bounded whatever the size. Validates the cursor before returning,
 * so a bad cursor is a 400, not a broken download.
 */
export async function exportLogs(
  db: Db,
  scope: LogScope,
  filters: LogFilters,
  options: ExportOptions,
): Promise<ReadableStream<Uint8Array>> {
  const projectIds = effectiveProjectIds(scope, filters);
  const key = await cursorKey(db);
  const digest = scopeDigest(projectIds, filters, "older");
  let position: LogPosition | undefined = options.cursor
    ? decodeCursor(key, options.cursor, digest)
    : undefined;
  const rowCap = options.rowCap ?? env().LOGWELL_EXPORT_MAX_ROWS;
  const pageSize = Math.min(options.pageSize ?? 1000, rowCap);
  const readBudget = options.readBudget ?? 2 * Math.ceil(rowCap / pageSize);
  const encoder = new TextEncoder();
  let written = 0;
  let reads = 0;
  let started = false;

  const finish = (more: boolean): string => {
    const next = more && position ? encodeCursor(key, position, digest) : null;
    const note =
      written >= rowCap
        ? `Export stopped at ${rowCap} rows; continue with cursor=${next}`
        : `Export stopped after ${reads} reads (a text search reads one time slice each); continue with cursor=${next}`;
    if (options.format === "csv") return more ? csvTruncationRow(note) : "";
    const tail = { truncated: more, row_cap: rowCap, next_cursor: next };
    if (options.format === "ndjson") return more ? `${JSON.stringify(tail)}\n` : "";
    return `],${JSON.stringify(tail).slice(1)}\n`;
  };

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        let chunk = "";
        if (!started) {
          chunk +=
            options.format === "csv" ? csvHeader() : options.format === "json" ? '{"logs":[' : "";
        }
        const allowed = new Set(await options.recheckScope());
        const ids = projectIds.filter((id) => allowed.has(id));
        const want = Math.min(pageSize, rowCap - written);
        const { rows, resumeAt } = await withReadTimeout(db, (tx) =>
          fetchWindowedPage(tx, { projectIds: ids, filters, limit: want + 1, before: position }),
        );
        reads++;
        const logs: LogDto[] = rows.slice(0, want).map(toLogDto);
        const last = rows[Math.min(rows.length, want) - 1];
        const full = rows.length > want;
        // A short text-search slice continues below the slice, not below its last match.
        const next = full && last ? positionOf(last) : resumeAt;
        if (next) position = next;
        chunk += encodePage(options.format, logs, written === 0);
        started = true;
        written += logs.length;
        const more = next !== undefined;
        if (!more || written >= rowCap || reads >= readBudget) {
          chunk += finish(more);
          controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(chunk));
      } catch (err) {
        logger.error({ err, written }, "export failed mid-stream");
        controller.error(err);
      }
    },
  });
}

function encodePage(format: ExportFormat, logs: LogDto[], first: boolean): string {
  if (format === "csv") return csvRows(logs);
  if (format === "ndjson") return ndjsonRows(logs);
  return jsonRows(logs, first);
}
