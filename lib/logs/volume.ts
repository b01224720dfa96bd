import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { type LogLevel, levelName } from "@/lib/db/schema/logs";
import { and, filterConditions, pgArray } from "./conditions";
import type { LogFilters } from "./filters";
import { effectiveProjectIds, type LogScope } from "./page-query";
import { withReadTimeout } from "./read-transaction";

export interface VolumeBucket {
  /** Bucket start, ISO 8601 UTC. */
  start: string;
  counts: Partial<Record<LogLevel, number>>;
  total: number;
}

export interface Volume {
  from: string;
  to: string;
  bucketSeconds: number;
  buckets: VolumeBucket[];
  max: number;
}

const niceBucketSeconds = [60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400];

/** About `target` buckets over the range, on a round size (1 min … 1 day). */
export function bucketSecondsFor(rangeMs: number, target = 48): number {
  const ideal = rangeMs / 1000 / target;
  return niceBucketSeconds.find((s) => s >= ideal) ?? 86400;
}

/**
 * Event counts by level over [from, to) for the explorer's chart, with the same filters as
 * the table. Counting is a scan of the range (bounded by the range and statement_timeout).
 */
export async function logVolume(
  db: Db,
  scope: LogScope,
  filters: LogFilters & { from: string; to: string },
): Promise<Volume> {
  const fromMs = Date.parse(filters.from);
  const toMs = Date.parse(filters.to);
  const bucketSeconds = bucketSecondsFor(toMs - fromMs);
  const count = Math.max(1, Math.ceil((toMs - fromMs) / 1000 / bucketSeconds));
  const buckets: VolumeBucket[] = Array.from({ length: count }, (_, i) => ({
    start: new Date(fromMs + i * bucketSeconds * 1000).toISOString(),
    counts: {},
    total: 0,
  }));
  const projectIds = effectiveProjectIds(scope, filters);
  if (projectIds.length > 0) {
    const rows = await withReadTimeout(db, (tx) =>
      queryRows<{ bucket: number; level: number; n: number }>(
        tx,
        sql`SELECT floor(extract(epoch FROM l.received_at - ${filters.from}::timestamptz) / ${bucketSeconds})::int AS bucket,
                   l.level, count(*)::int AS n
            FROM logs l
            WHERE l.project_id = ANY(${pgArray(projectIds)}::uuid[]) AND ${and(filterConditions(filters))}
            GROUP BY 1, 2`,
      ),
    );
    for (const row of rows) {
      const bucket = buckets[Number(row.bucket)];
      if (!bucket) continue;
      const level = levelName(Number(row.level));
      bucket.counts[level] = (bucket.counts[level] ?? 0) + Number(row.n);
      bucket.total += Number(row.n);
    }
  }
  const max = buckets.reduce((m, b) => Math.max(m, b.total), 0);
  return { from: filters.from, to: filters.to, bucketSeconds, buckets, max };
}
