import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { type LogDto, type LogReadRow, logColumns, toLogDto } from "@/lib/logs/dto";
import { parseLogId } from "@/lib/logs/get";
import { withReadTimeout } from "@/lib/logs/read-transaction";

// The issue page's event and its newest / oldest / newer / older neighbours within the issue,
// in the explorer's order (received_at, id). Each is a one-row probe on
// logs_issue_received_idx (issue_id, received_at DESC, id DESC), so the cost does not grow with
// the issue. The project is checked on every row as well: the issue was read in scope, and an
// event of another project can never be shown under it.

export interface IssueEventView {
  event: LogDto;
  newest: string;
  oldest: string;
  /** The next event received after this one in the issue, if any. */
  newer?: string;
  /** The previous event received before this one in the issue, if any. */
  older?: string;
}

type IssueRef = { id: string; project_id: string };

const order = {
  desc: sql.raw("l.received_at DESC NULLS LAST, l.id DESC NULLS LAST"),
  asc: sql.raw("l.received_at ASC NULLS FIRST, l.id ASC NULLS FIRST"),
};

/** One event of the issue, first in `direction` (exported so a test can EXPLAIN it). */
export function probeSql(issue: IssueRef, where: SQL, direction: "asc" | "desc"): SQL {
  return sql`SELECT ${logColumns} FROM logs l
      WHERE l.issue_id = ${issue.id}::bigint AND l.project_id = ${issue.project_id}::uuid
        AND ${where}
      ORDER BY ${order[direction]} LIMIT 1`;
}

async function probe(tx: Db, issue: IssueRef, where: SQL, direction: "asc" | "desc") {
  const [row] = await queryRows<LogReadRow>(tx, probeSql(issue, where, direction));
  return row;
}

type Position = Pick<LogReadRow, "received_at" | "id">;
const at = (p: Position) => sql`(${p.received_at}::timestamptz, ${p.id}::bigint)`;
// With a plain received_at bound, which prunes logs' day partitions (a row comparison does not).
export const after = (p: Position) =>
  sql`l.received_at >= ${p.received_at}::timestamptz and (l.received_at, l.id) > ${at(p)}`;
export const before = (p: Position) =>
  sql`l.received_at <= ${p.received_at}::timestamptz and (l.received_at, l.id) < ${at(p)}`;

/**
 * The event `eventId` of the issue (the newest when absent), with its neighbours; null when the
 * issue has no events left or `eventId` is not one of its events (the page answers 404).
 */
export async function issueEventView(
  db: Db,
  issue: IssueRef,
  eventId?: string,
): Promise<IssueEventView | null> {
  const wanted = eventId === undefined ? undefined : parseLogId(eventId);
  if (eventId !== undefined && wanted === undefined) return null;
  return withReadTimeout(db, async (tx) => {
    const newest = await probe(tx, issue, sql`TRUE`, "desc");
    if (!newest) return null;
    const event =
      wanted === undefined || wanted === newest.id
        ? newest
        : await probe(tx, issue, sql`l.id = ${wanted}::bigint`, "desc");
    if (!event) return null;
    const oldest = await probe(tx, issue, sql`TRUE`, "asc");
    const newer = await probe(tx, issue, after(event), "asc");
    const older = await probe(tx, issue, before(event), "desc");
    return {
      event: toLogDto(event),
      newest: newest.id,
      oldest: oldest?.id ?? newest.id,
      newer: newer?.id,
      older: older?.id,
    };
  });
}
