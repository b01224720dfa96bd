import { type SQL, sql } from "drizzle-orm";
import { isoUtc } from "@/lib/db/iso-utc";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { levelNumber } from "@/lib/db/schema/logs";
import { and, pgArray } from "@/lib/logs/conditions";
import { cursorKey } from "@/lib/logs/cursor";
import { withReadTimeout } from "@/lib/logs/read-transaction";
import { likePattern } from "@/lib/logs/search";
import {
  decodeIssueCursor,
  encodeIssueCursor,
  type IssuePosition,
  issueScopeDigest,
} from "./cursor";
import { type IssueDto, type IssueReadRow, issueColumns, toIssueDto } from "./dto";
import type { IssueFilters, IssuePage, IssueSort } from "./filters";
import { type IssueScope, scopedProjectIds } from "./scope";
import { effectiveStatusIs } from "./status";

// The issue list (GET /api/v1/issues, the project's Issues page): a project's issues, filtered
// and sorted, newest or largest first, in keyset pages. There is no index on the sort columns
// on purpose (they change with every stored event, lib/db/schema/issues.ts): a project's
// issues are read through issues_project_idx and the top of the order is picked by a top-N
// sort, which stays in budget at 10,000 issues (docs/performance.md).

export interface IssueListPage {
  issues: IssueDto[];
  next_cursor: string | null;
}

/** The sort's column and how a cursor's value is cast back for the keyset comparison. */
const sortColumns: Record<IssueSort, { column: SQL; cast: SQL; select: SQL }> = {
  last_seen: {
    column: sql.raw("i.last_seen"),
    cast: sql.raw("timestamptz"),
    select: isoUtc("i.last_seen"),
  },
  first_seen: {
    column: sql.raw("i.first_seen"),
    cast: sql.raw("timestamptz"),
    select: isoUtc("i.first_seen"),
  },
  events: {
    column: sql.raw("i.event_count"),
    cast: sql.raw("bigint"),
    select: sql.raw("i.event_count::text"),
  },
  users: {
    column: sql.raw("i.user_count"),
    cast: sql.raw("bigint"),
    select: sql.raw("i.user_count::text"),
  },
};

/** WHERE conditions of the filters for an `issues` row aliased `i` (scope added by callers). */
export function issueFilterConditions(filters: IssueFilters, now: Date): SQL[] {
  // An issue whose events are all pruned is gone, whatever is left of its row.
  const where: SQL[] = [sql`i.event_count > 0`];
  if (filters.status !== "all") where.push(effectiveStatusIs(filters.status, now));
  if (filters.level) {
    const levels = filters.level.map((l) => levelNumber[l]);
    where.push(sql`i.level = ANY(${pgArray(levels)}::smallint[])`);
  }
  for (const kind of ["release", "environment"] as const) {
    const value = filters[kind];
    if (value === undefined) continue;
    where.push(sql`EXISTS (SELECT 1 FROM issue_values v
      WHERE v.issue_id = i.id AND v.kind = ${kind} AND v.value = ${value})`);
  }
  if (filters.since !== undefined) where.push(sql`i.last_seen >= ${filters.since}::timestamptz`);
  if (filters.q !== undefined) {
    const pattern = likePattern(filters.q);
    where.push(
      sql`(i.title ILIKE ${pattern} ESCAPE '\\' OR i.culprit ILIKE ${pattern} ESCAPE '\\')`,
    );
  }
  return where;
}

/** One page's SQL (exported so a test or the bench can EXPLAIN it). */
export function issuePageSql(
  projectIds: readonly string[],
  filters: IssueFilters,
  limit: number,
  after: IssuePosition | undefined,
  now: Date,
): SQL {
  const sort = sortColumns[filters.sort];
  const where = issueFilterConditions(filters, now);
  where.unshift(sql`i.project_id = ANY(${pgArray(projectIds)}::uuid[])`);
  if (after) {
    where.push(sql`(${sort.column}, i.id) < (${after.value}::${sort.cast}, ${after.id}::bigint)`);
  }
  // The top of the order is picked over (id, sort value) alone, then only the page's rows are
  // read whole and formatted: a top-N sort of every matching issue's full row cost twice as much.
  return sql`SELECT ${issueColumns}, ${sort.select} AS sort_value
    FROM (SELECT i.id FROM issues i WHERE ${and(where)}
          ORDER BY ${sort.column} DESC, i.id DESC LIMIT ${limit}) page
    JOIN issues i ON i.id = page.id
    ORDER BY ${sort.column} DESC, i.id DESC`;
}

/**
 * A page of issues in scope. A cursor is accepted only for the scope and filters (sort
 * included) it was issued for (else 400 `invalid_cursor`); the scope is applied in SQL
 * whatever the cursor says.
 */
export async function listIssues(
  db: Db,
  scope: IssueScope,
  filters: IssueFilters,
  page: IssuePage,
  now: Date = new Date(),
): Promise<IssueListPage> {
  const projectIds = scopedProjectIds(scope, filters.project);
  const key = await cursorKey(db);
  const digest = issueScopeDigest(projectIds, filters);
  const after = page.cursor ? decodeIssueCursor(key, page.cursor, digest, filters.sort) : undefined;
  if (projectIds.length === 0) return { issues: [], next_cursor: null };
  // One extra row tells whether another page exists, so the last page's cursor is null.
  const rows = await withReadTimeout(db, (tx) =>
    queryRows<IssueReadRow & { sort_value: string }>(
      tx,
      issuePageSql(projectIds, filters, page.limit + 1, after, now),
    ),
  );
  const shown = rows.slice(0, page.limit);
  const last = shown.at(-1);
  const next_cursor =
    rows.length > page.limit && last
      ? encodeIssueCursor(key, { value: last.sort_value, id: last.id }, digest)
      : null;
  return { issues: shown.map((row) => toIssueDto(row, now)), next_cursor };
}
