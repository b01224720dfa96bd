import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { withReadTimeout } from "@/lib/logs/read-transaction";
import { parseUserAgent } from "@/lib/logs/user-agent";

// The issue page's tag breakdowns: the top values of release, environment, browser, OS and URL
// path, and the users most affected (by the identity user_count counts). Read from the issue's newest events (at most `sampleSize`, on logs_issue_received_idx),
// not from all of them: a storm of a million events must not make the page scan a million
// rows. `sampled` says when the counts are of a sample, so the page can say so.

export const sampleSize = 500;
const topValues = 5;
const maxValueLength = 200;

export const breakdownKinds = ["release", "environment", "browser", "os", "path", "user"] as const;
export type BreakdownKind = (typeof breakdownKinds)[number];

export interface BreakdownValue {
  /** null: the events had no value (no release, no user agent…). */
  value: string | null;
  count: number;
}

export interface IssueBreakdowns {
  /** How many events were read. */
  events: number;
  /** True when the issue has more events than were read. */
  sampled: boolean;
  tags: Record<BreakdownKind, BreakdownValue[]>;
}

interface EventRow {
  release: string | null;
  environment: string | null;
  user_agent: string | null;
  url: string | null;
  /** The identity user_count counts: user_id, else session_id, else the stored client IP. */
  identity: string | null;
}

/** The path of an absolute or relative URL, without query or fragment; null if none. */
export function urlPath(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url.slice(0, 2048), "http://relative.invalid").pathname.slice(0, maxValueLength);
  } catch {
    return null;
  }
}

function top(values: (string | null)[]): BreakdownValue[] {
  const counts = new Map<string | null, number>();
  for (const v of values) {
    const key = v === null ? null : v.slice(0, maxValueLength);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)))
    .slice(0, topValues);
}

/** The issue's newest `sampleSize` events (exported so a test can EXPLAIN it). */
export function sampleSql(issue: { id: string; project_id: string }): SQL {
  return sql`SELECT l.release, l.environment, l.user_agent, l.url,
        coalesce('user ' || l.user_id, 'session ' || l.session_id, 'ip ' || l.client_ip) AS identity
      FROM logs l
      WHERE l.issue_id = ${issue.id}::bigint AND l.project_id = ${issue.project_id}::uuid
      ORDER BY l.received_at DESC NULLS LAST, l.id DESC NULLS LAST
      LIMIT ${sampleSize}`;
}

/** Breakdowns of one issue of `projectId` (both already checked to be in the caller's scope). */
export async function issueBreakdowns(
  db: Db,
  issue: { id: string; project_id: string; event_count: number },
): Promise<IssueBreakdowns> {
  const rows = await withReadTimeout(db, (tx) => queryRows<EventRow>(tx, sampleSql(issue)));
  const agents = rows.map((r) => parseUserAgent(r.user_agent));
  return {
    events: rows.length,
    sampled: issue.event_count > rows.length,
    tags: {
      release: top(rows.map((r) => r.release)),
      environment: top(rows.map((r) => r.environment)),
      browser: top(agents.map((a) => a.browser)),
      os: top(agents.map((a) => a.os)),
      path: top(rows.map((r) => urlPath(r.url))),
      user: top(rows.map((r) => r.identity)),
    },
  };
}
