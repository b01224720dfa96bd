import pg from "pg";
import { issueIdFor } from "@/lib/issues/issue-id";

// The issue list's bench data (`npm run bench:query`): the error events of the main project
// spread over `count` issues with a heavy head (a few issues hold most events, as in life),
// then the issues' rows, their release/environment values and hourly counts made from those
// events in SQL, as ingest's counters would have them.

export interface IssueSeed {
  count: number;
  /** The issue id of the next error event, as text: in seed order, called once per event. */
  next(): string;
}

export function issueSeed(projectId: string, count: number): IssueSeed {
  const ids = Array.from({ length: count }, (_, k) =>
    issueIdFor(projectId, 1, `bench-${k}`).toString(),
  );
  let events = 0;
  return {
    count,
    next() {
      const e = events++;
      // The first `count` error events open one issue each, so every issue exists; the rest
      // follow a power law (a hash of e in [0, 1), cubed): a few issues hold most events.
      if (e < count) return ids[e] as string;
      const u = ((e * 2654435761) >>> 0) / 2 ** 32;
      return ids[Math.min(count - 1, Math.floor(count * u ** 3))] as string;
    },
  };
}

/**
 * Issue rows from the events that carry them (one GROUP BY over the issue index), a status mix
 * (80 % unresolved, 15 % resolved, 5 % ignored), and issue_values of kind release/environment.
 * Every issue gets at least one event: issues with none are not listed anyway.
 */
export async function seedIssueRows(url: string, projectId: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const inserted = await client.query(
      `INSERT INTO issues (id, project_id, grouping_key, grouping_version, title, culprit, type,
         level, status, first_seen, last_seen, first_release, last_release, event_count,
         user_count, resolved_at)
       SELECT l.issue_id, $1::uuid, 'bench-' || l.issue_id, 1,
         'TypeError: Cannot read properties of undefined (reading ''f' || (l.issue_id % 9973) || ''')',
         'render' || (l.issue_id % 97) || ' (chunk-' || (l.issue_id % 31) || '.js)', 'TypeError',
         max(l.level),
         CASE WHEN l.issue_id % 20 < 3 THEN 'resolved' WHEN l.issue_id % 20 = 3 THEN 'ignored'
              ELSE 'unresolved' END,
         min(l.received_at), max(l.received_at),
         (array_agg(l.release ORDER BY l.received_at))[1],
         (array_agg(l.release ORDER BY l.received_at DESC))[1],
         count(*), count(DISTINCT l.session_id),
         CASE WHEN l.issue_id % 20 < 3 THEN max(l.received_at) END
       FROM logs l WHERE l.issue_id IS NOT NULL AND l.project_id = $1::uuid
       GROUP BY l.issue_id`,
      [projectId],
    );
    await client.query(
      `INSERT INTO issue_values (issue_id, kind, value, last_hour)
       SELECT l.issue_id, v.kind, v.value, date_trunc('hour', max(l.received_at))
       FROM logs l CROSS JOIN LATERAL (VALUES ('release', l.release), ('environment', l.environment)) v(kind, value)
       WHERE l.issue_id IS NOT NULL AND l.project_id = $1::uuid AND v.value IS NOT NULL
       GROUP BY l.issue_id, v.kind, v.value`,
      [projectId],
    );
    // The hourly counts the list's sparklines and the issue page's charts read.
    await client.query(
      `INSERT INTO issue_hours (issue_id, hour, events)
       SELECT l.issue_id, date_trunc('hour', l.received_at), count(*)
       FROM logs l WHERE l.issue_id IS NOT NULL AND l.project_id = $1::uuid
       GROUP BY 1, 2`,
      [projectId],
    );
    await client.query("VACUUM ANALYZE issue_hours");
    await client.query("VACUUM ANALYZE issues");
    await client.query("VACUUM ANALYZE issue_values");
    return inserted.rowCount ?? 0;
  } finally {
    await client.end();
  }
}
