import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { pgArray } from "@/lib/logs/conditions";
import { withReadTimeout } from "@/lib/logs/read-transaction";
import { type IssueDto, type IssueReadRow, issueColumns, toIssueDto } from "./dto";
import { type IssueScope, parseIssueId } from "./scope";

/** The stored row of an issue in scope (with events), or null: the read behind getIssue. */
export async function readIssueRow(
  db: Db,
  scope: IssueScope,
  id: string,
): Promise<IssueReadRow | null> {
  const issueId = parseIssueId(id);
  if (issueId === undefined || scope.projectIds.length === 0) return null;
  const [row] = await queryRows<IssueReadRow>(
    db,
    sql`SELECT ${issueColumns} FROM issues i
        WHERE i.id = ${issueId.toString()}::bigint AND i.event_count > 0
          AND i.project_id = ANY(${pgArray(scope.projectIds)}::uuid[])`,
  );
  return row ?? null;
}

/**
 * One issue, only if it belongs to a project in scope: a foreign, missing or malformed id all
 * return null, so callers answer the same 404 for each (threat AUTH-3).
 */
export async function getIssue(
  db: Db,
  scope: IssueScope,
  id: string,
  now: Date = new Date(),
): Promise<IssueDto | null> {
  const row = await withReadTimeout(db, (tx) => readIssueRow(tx, scope, id));
  return row ? toIssueDto(row, now) : null;
}
