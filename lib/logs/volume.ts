import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { type LogLevel, levelName } from "@/lib/db/schema/logs";
import { and, filterConditions, pgArray } from "./conditions";
import type { LogFilters } from "./filters";
import { effectiveProjectIds, type LogScope } from "./page-query";
import { withReadTimeout } from "./read-transaction";
import { bucketCount, bucketSecondsFor } from "./volume-buckets";
import { dataSpan } from "./volume-span";

export interface VolumeBucket {
  /** Bucket start, ISO 8601 UTC. */
  start: string;
  counts: Partial<Record<LogLevel, number>>;
  total: number;
}

export interface Volume {
  /** The span drawn: the query's range (an open start is the scope's oldest event in it). */
  from: string;
  to: string;
  bucketSeconds: number;
  /** At most `maxVolumeBuckets`; empty when the range holds no event. */
  buckets: VolumeBucket[];
  max: number;
}

/**
 * Event counts by level over the query's range [from, to) for the explorer's chart, with the
 * same filters as the table (issue 18 §4: the chart always shows the query's range, so a gap
 * before the first event is drawn as a gap). Without `from` (all time) it starts at the scope's
 * oldest event (an index probe, `volume-span.ts`), which also tells an empty range apart without
 * counting. The range is cut into at most `maxVolumeBuckets` round-sized buckets, so neither
 * memory nor HTML grows with the range a URL asks for; counting is bounded by statement_timeout.
 */
export async function logVolume(
  db: Db,
  scope: LogScope,
  filters: LogFilters & { to: string },
): Promise<Volume> {
  const empty: Volume = {
    from: filters.from ?? filters.to,
    to: filters.to,
    bucketSeconds: 0,
    buckets: [],
    max: 0,
  };
  const projectIds = effectiveProjectIds(scope, filters);
  const isInverted =
    filters.from !== undefined && !(Date.parse(filters.from) < Date.parse(filters.to));
  if (isInverted || projectIds.length === 0) return empty;
  return withReadTimeout(db, async (tx) => {
    const span = await dataSpan(tx, projectIds, filters.from ?? "-infinity", filters.to);
    if (!span) return empty;
    const startMs = filters.from === undefined ? span.oldestMs : Date.parse(filters.from);
    const endMs = Date.parse(filters.to);
    const from = new Date(startMs).toISOString();
    const to = new Date(endMs).toISOString();
    const bucketSeconds = bucketSecondsFor(endMs - startMs);
    const buckets: VolumeBucket[] = Array.from(
      { length: bucketCount(endMs - startMs, bucketSeconds) },
      (_, i) => ({
        start: new Date(startMs + i * bucketSeconds * 1000).toISOString(),
        counts: {},
        total: 0,
      }),
    );
    // The same division as the JS starts above; bigint so no accepted range can overflow it.
    const rows = await queryRows<{ bucket: number | string; level: number; n: number | string }>(
      tx,
      sql`SELECT floor(extract(epoch FROM l.received_at - ${from}::timestamptz) / ${bucketSeconds})::bigint AS bucket,
                 l.level, count(*)::bigint AS n
          FROM logs l
          WHERE l.project_id = ANY(${pgArray(projectIds)}::uuid[])
            AND ${and(filterConditions({ ...filters, from, to }))}
          GROUP BY 1, 2`,
    );
    for (const row of rows) {
      const bucket = buckets[Number(row.bucket)];
      if (!bucket) continue;
      const level = levelName(Number(row.level));
      bucket.counts[level] = (bucket.counts[level] ?? 0) + Number(row.n);
      bucket.total += Number(row.n);
    }
    const max = buckets.reduce((m, b) => Math.max(m, b.total), 0);
    return { from, to, bucketSeconds, buckets, max };
  });
}
