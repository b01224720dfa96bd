import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { levelName } from "@/lib/db/schema/logs";
import { and, filterConditions, pgArray } from "./conditions";
import type { LogFilters } from "./filters";
import { effectiveProjectIds, type LogScope } from "./page-query";
import { termText } from "./query/edit";
import { urlPath } from "./query/url-path";
import { withReadTimeout } from "./read-transaction";
import { parseUserAgent } from "./user-agent";

// The explorer's facets: counts by value for the current query and range. Counting every
// matching row grows with the range (a 24 h range at 10 M events is millions of rows), so the
// counts come from the newest `facetSampleSize` matching events, found by one walk of
// logs_project_received_idx like a page. A rare query would make that walk read the whole
// range, so it reads at most the range's newest `facetScanLimit` events (per project): the
// cost is bounded whatever the query. Either bound reached → the counts are estimates, and the
// panel shows ≈ and says which.

export const facetSampleSize = 1_000;
export const facetScanLimit = 50_000;
const valuesPerFacet = 8;
const attributeKeysRead = 50;

export interface FacetValue {
  value: string;
  count: number;
  /** The query term that selects this value (absent where the syntax has no field for it). */
  term?: string;
}

export interface Facet {
  name: string;
  label: string;
  values: FacetValue[];
}

export interface Facets {
  facets: Facet[];
  /** How many events were counted. */
  counted: number;
  /** True when more events match than were counted, or the scan limit was reached. */
  estimated: boolean;
  /** Set when the range holds more events than were read (then `counted` is what matched in them). */
  scanLimit?: number;
}

interface SampleRow {
  level: number;
  environment: string | null;
  release: string | null;
  logger: string | null;
  ua: string | null;
  country: string | null;
  url: string | null;
  keys: string[] | null;
}

/** Attribute keys the syntax can name as `attr.key` (no dots or spaces inside). */
const nameableKey = /^[A-Za-z0-9_-]+$/;

export async function logFacets(
  db: Db,
  scope: LogScope,
  filters: LogFilters,
  {
    sampleSize = facetSampleSize,
    scanLimit = facetScanLimit,
  }: { sampleSize?: number; scanLimit?: number } = {},
): Promise<Facets> {
  const projectIds = effectiveProjectIds(scope, filters);
  if (projectIds.length === 0) return { facets: [], counted: 0, estimated: false };
  const limit = sampleSize + 1;
  const range = and([
    ...(filters.from ? [sql`l.received_at >= ${filters.from}::timestamptz`] : []),
    ...(filters.to ? [sql`l.received_at < ${filters.to}::timestamptz`] : []),
  ]);
  // The range's newest events, in index order (the outer query's LIMIT stops the walk early).
  const newest = sql`SELECT * FROM logs l WHERE l.project_id = scope.project_id AND ${range}
    ORDER BY l.received_at DESC NULLS LAST, l.id DESC NULLS LAST`;
  const { rows, capped } = await withReadTimeout(db, async (tx) => {
    const rows = await queryRows<SampleRow>(
      tx,
      sql`SELECT l.level, l.environment, l.release, l.logger, l.ua, l.country, l.url, l.keys
          FROM unnest(${pgArray(projectIds)}::uuid[]) AS scope(project_id)
          CROSS JOIN LATERAL (
            SELECT l.received_at, l.id, l.level, left(l.environment, 200) AS environment,
                   left(l.release, 200) AS release, left(l.logger, 200) AS logger,
                   left(l.user_agent, 512) AS ua, l.country, left(l.url, 2048) AS url,
                   CASE WHEN jsonb_typeof(l.attributes) = 'object' THEN
                     ARRAY(SELECT jsonb_object_keys(l.attributes) LIMIT ${attributeKeysRead}) END AS keys
            FROM (${newest} LIMIT ${scanLimit}) l
            WHERE ${and(filterConditions(filters))}
            ORDER BY l.received_at DESC NULLS LAST, l.id DESC NULLS LAST
            LIMIT ${limit}
          ) l
          ORDER BY l.received_at DESC NULLS LAST, l.id DESC NULLS LAST
          LIMIT ${limit}`,
    );
    if (rows.length > sampleSize) return { rows, capped: false };
    // Fewer matches than the sample: exact only if no project's range went past the scan limit.
    const [past] = await queryRows<{ past: boolean }>(
      tx,
      sql`SELECT EXISTS (
            SELECT 1 FROM unnest(${pgArray(projectIds)}::uuid[]) AS scope(project_id)
            CROSS JOIN LATERAL (SELECT l.id FROM (${newest} OFFSET ${scanLimit} LIMIT 1) l) o
          ) AS past`,
    );
    return { rows, capped: past?.past === true };
  });
  const sample = rows.slice(0, sampleSize);
  const facet = (
    name: string,
    label: string,
    pick: (row: SampleRow) => (string | null)[] | string | null,
    term?: (value: string) => string | undefined,
  ): Facet => {
    const counts = new Map<string, number>();
    for (const row of sample) {
      const picked = pick(row);
      for (const value of Array.isArray(picked) ? picked : [picked]) {
        if (value === null || value === "") continue;
        counts.set(value, (counts.get(value) ?? 0) + 1);
      }
    }
    const values = [...counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, valuesPerFacet)
      .map(([value, count]) => ({ value, count, term: term?.(value) }));
    return { name, label, values };
  };
  const exact = (field: string) => (value: string) =>
    selectable(value) ? termText(field, value) : undefined;
  return {
    facets: [
      facet("level", "Level", (r) => levelName(r.level), exact("level")),
      facet("environment", "Environment", (r) => r.environment, exact("environment")),
      facet("release", "Release", (r) => r.release, exact("release")),
      facet("logger", "Logger", (r) => r.logger, exact("logger")),
      facet("browser", "Browser", (r) => parseUserAgent(r.ua).browser),
      facet("os", "OS", (r) => parseUserAgent(r.ua).os),
      facet("country", "Country", (r) => r.country, exact("country")),
      facet("path", "URL path", (r) => urlPath(r.url), exact("path")),
      facet(
        "attributes",
        "Attribute keys",
        (r) => r.keys ?? [],
        (key) => (nameableKey.test(key) ? `has:attr.${key}` : undefined),
      ),
    ],
    counted: sample.length,
    estimated: rows.length > sampleSize || capped,
    ...(capped && { scanLimit }),
  };
}

/**
 * Values read cut (200 characters, a URL at 2,048) cannot be selected exactly, and a term must
 * fit the 200-character query: such values are counted but get no term.
 */
function selectable(value: string): boolean {
  return value.length < 1_500 && Array.from(value).length < 180;
}
