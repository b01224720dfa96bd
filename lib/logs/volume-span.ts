import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { pgArray } from "./conditions";

/** The oldest `received_at` in a range, in epoch milliseconds (rounded down). */
export interface DataSpan {
  oldestMs: number;
}

/**
 * Where the scope's events begin inside [from, to), or undefined when there are none. A min
 * per project is one probe of `logs_project_received_idx`, so this stays cheap whatever the
 * range: an all-time chart starts at the first event, not in 1970, and an empty range is drawn
 * without counting. Only the project and time bound the probe; the other filters would turn it
 * into a scan.
 */
export async function dataSpan(
  db: Db,
  projectIds: readonly string[],
  from: string,
  to: string,
): Promise<DataSpan | undefined> {
  if (projectIds.length === 0) return undefined;
  const [row] = await queryRows<{ oldest: number | string | null }>(
    db,
    dataSpanSql(projectIds, from, to),
  );
  if (row?.oldest == null) return undefined;
  return { oldestMs: Number(row.oldest) };
}

/** The probe's SQL (exported so a test can EXPLAIN it). */
export function dataSpanSql(projectIds: readonly string[], from: string, to: string): SQL {
  return sql`SELECT floor(extract(epoch FROM min(s.lo)) * 1000)::float8 AS oldest
             FROM unnest(${pgArray(projectIds)}::uuid[]) AS scope(project_id)
             CROSS JOIN LATERAL (
               SELECT min(l.received_at) AS lo FROM logs l
               WHERE l.project_id = scope.project_id
                 AND l.received_at >= ${from}::timestamptz AND l.received_at < ${to}::timestamptz
             ) s`;
}
