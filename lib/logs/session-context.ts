import type { Db } from "@/lib/db/open";
import { type LogDto, toLogDto } from "./dto";
import type { LogFilters } from "./filters";
import { fetchPage, type LogScope, positionOf } from "./page-query";
import { withReadTimeout } from "./read-transaction";

// "Logs from this session around this moment": the events of the same session_id received
// within ±5 minutes of one event. The context an error tracker without logs cannot show.

export const sessionWindowMs = 5 * 60_000;
/** Events kept on each side of the event: the page shows a moment, not the whole session. */
export const sessionSideLimit = 15;

export interface SessionContext {
  /** The explorer's filters for the whole window (the "see all" link). */
  filters: LogFilters;
  /** Oldest first, the event itself included. */
  logs: LogDto[];
  /** More events of the session in the window than shown, before or after the event. */
  hasMoreBefore: boolean;
  hasMoreAfter: boolean;
}

/**
 * Two keyset probes outward from the event on the explorer's index
 * (`logs_project_received_idx`), each bounded by the window and by `sessionSideLimit + 1` rows,
 * so the cost does not grow with the session or the project. Null when the event has no
 * session or its project is outside the scope.
 */
export async function sessionContext(
  db: Db,
  scope: LogScope,
  log: LogDto,
): Promise<SessionContext | null> {
  if (log.session_id === null || !scope.projectIds.includes(log.project_id)) return null;
  const at = Date.parse(log.received_at);
  const filters: LogFilters = {
    project: log.project_id,
    session_id: log.session_id,
    from: new Date(at - sessionWindowMs).toISOString(),
    to: new Date(at + sessionWindowMs).toISOString(),
  };
  const query = { projectIds: [log.project_id], filters, limit: sessionSideLimit + 1 };
  const position = positionOf(log);
  const { before, after } = await withReadTimeout(db, async (tx) => ({
    before: await fetchPage(tx, { ...query, before: position }),
    after: await fetchPage(tx, { ...query, after: position }),
  }));
  const older = before.slice(0, sessionSideLimit).reverse().map(toLogDto);
  const newer = after.slice(0, sessionSideLimit).map(toLogDto);
  return {
    filters,
    logs: [...older, log, ...newer],
    hasMoreBefore: before.length > sessionSideLimit,
    hasMoreAfter: after.length > sessionSideLimit,
  };
}
