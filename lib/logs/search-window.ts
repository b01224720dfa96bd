import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { env } from "@/lib/env";
import { pgArray } from "./conditions";
import type { LogPosition } from "./cursor";
import type { LogReadRow } from "./dto";
import { fetchPage, type PageQuery } from "./page-query";

// Substring search has no index (docs/explorer.md), so a rare term would read every row in
// scope: ~3.5–5 s at 1M rows here, and linear beyond. Instead each page reads at most one time
// slice (default 24 h) below its position. When the slice holds fewer matches than a page,
// the page comes back short with a cursor to the next older event, skipping empty time, so
// every request stays bounded and a client that follows cursors still sees every match once.

export interface WindowedPage {
  rows: LogReadRow[];
  /** Set when the slice ended before the page filled and older events exist. */
  resumeAt?: LogPosition;
}

export function searchWindowMs(): number {
  return env().LOGWELL_SEARCH_WINDOW_HOURS * 3_600_000;
}

export async function fetchWindowedPage(
  db: Db,
  query: PageQuery,
  windowMs: number = searchWindowMs(),
): Promise<WindowedPage> {
  if (query.filters.q === undefined || query.after) return { rows: await fetchPage(db, query) };
  const upper = query.before ? Date.parse(query.before.receivedAt) : Date.now();
  const lower = new Date(upper - windowMs).toISOString();
  const from = query.filters.from;
  if (from !== undefined && Date.parse(from) >= Date.parse(lower)) {
    return { rows: await fetchPage(db, query) };
  }
  const rows = await fetchPage(db, { ...query, filters: { ...query.filters, from: lower } });
  if (rows.length >= query.limit) return { rows };
  const [older] = await queryRows<{ t: string; id: string }>(
    db,
    sql`SELECT to_char(o.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS t,
               o.id::text AS id
        FROM unnest(${pgArray(query.projectIds)}::uuid[]) AS scope(project_id)
        CROSS JOIN LATERAL (
          SELECT received_at, id FROM logs l
          WHERE l.project_id = scope.project_id AND l.received_at < ${lower}::timestamptz
            ${from !== undefined ? sql`AND l.received_at >= ${from}::timestamptz` : sql``}
          ORDER BY l.received_at DESC NULLS LAST, l.id DESC NULLS LAST
          LIMIT 1
        ) o
        ORDER BY o.received_at DESC NULLS LAST, o.id DESC NULLS LAST
        LIMIT 1`,
  );
  // Positions are exclusive: (t, id + 1) makes that newest older event the next page's first.
  return older
    ? { rows, resumeAt: { receivedAt: older.t, id: (BigInt(older.id) + 1n).toString() } }
    : { rows };
}
