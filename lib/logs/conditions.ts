import { type SQL, sql } from "drizzle-orm";
import { levelNumber } from "@/lib/db/schema/logs";
import { parseIssueId } from "@/lib/issues/scope";
import type { LogFilters } from "./filters";
import { levelNumbers } from "./filters";
import { parsedQuery } from "./query/parsed";
import { termConditions } from "./query/to-sql";

/** `{a,b}` for a `::uuid[]` / `::smallint[]` parameter: one bind value on every driver. */
export function pgArray(values: readonly (string | number)[]): string {
  return `{${values.join(",")}}`;
}

/**
 * WHERE conditions for a `logs` row aliased `l`, excluding the project scope (callers add
 * `l.project_id = …` themselves so the scope is never optional).
 */
export function filterConditions(filters: LogFilters): SQL[] {
  const where: SQL[] = [];
  if (filters.level)
    where.push(sql`l.level = ANY(${pgArray(levelNumbers(filters.level))}::smallint[])`);
  if (filters.min_level) where.push(sql`l.level >= ${levelNumber[filters.min_level]}`);
  if (filters.from) where.push(sql`l.received_at >= ${filters.from}::timestamptz`);
  if (filters.to) where.push(sql`l.received_at < ${filters.to}::timestamptz`);
  if (filters.environment !== undefined) where.push(sql`l.environment = ${filters.environment}`);
  if (filters.release !== undefined) where.push(sql`l.release = ${filters.release}`);
  if (filters.session_id !== undefined) where.push(sql`l.session_id = ${filters.session_id}`);
  if (filters.user_id !== undefined) where.push(sql`l.user_id = ${filters.user_id}`);
  if (filters.issue !== undefined) {
    const issueId = parseIssueId(filters.issue);
    where.push(
      issueId === undefined ? sql`FALSE` : sql`l.issue_id = ${issueId.toString()}::bigint`,
    );
  }
  if (filters.q !== undefined) where.push(...termConditions(parsedQuery(filters.q)));
  return where;
}

export function and(conditions: SQL[]): SQL {
  return conditions.length ? sql.join(conditions, sql` AND `) : sql`TRUE`;
}
