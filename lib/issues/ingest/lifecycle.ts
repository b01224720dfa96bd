import { sql } from "drizzle-orm";
import type { RunSql } from "@/lib/db/query";
import type { IssueAction } from "@/lib/db/schema/issues";
import { textArrayLiteral } from "@/lib/ingest/store/pg-array";
import { compareReleases, comparesBySemVer } from "@/lib/issues/release-order";
import type { StatusRow } from "./counters";
import type { IssueDelta } from "./delta";

// Status changes an arriving event causes (docs/issues.md → Lifecycle on ingest), decided in
// the transaction that commits the events, right after the counters: a resolved issue whose
// event came after the resolution (from a release the resolution does not cover) regresses;
// an ignored issue whose condition is met (N more events, N new users, a time passed) is
// unresolved again. Each change is an issue_activity row by Logwell itself (user_id null).

interface Change {
  id: string;
  action: Extract<IssueAction, "regressed" | "ignore_ended">;
  details: Record<string, unknown>;
}

interface IgnoreUntil {
  events?: number;
  users?: number;
  until?: string;
}

/**
 * Applies the status changes `rows` (issues not unresolved after counting) call for; returns the
 * ids (decimal) of the issues that regressed, for alerts.
 */
export async function applyLifecycle(
  run: RunSql,
  rows: readonly StatusRow[],
  deltas: readonly IssueDelta[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const byId = new Map(deltas.map((d) => [d.id, d]));
  const changes: Change[] = [];
  for (const row of rows) {
    const delta = byId.get(row.id);
    if (!delta) continue;
    const change =
      row.status === "resolved" ? await regression(run, row, delta) : ignoreEnd(row, delta);
    if (change) changes.push(change);
  }
  if (changes.length > 0) await writeChanges(run, changes);
  return changes.filter((c) => c.action === "regressed").map((c) => c.id);
}

async function regression(
  run: RunSql,
  row: StatusRow,
  delta: IssueDelta,
): Promise<Change | undefined> {
  // Events received before the resolution (committed after it) do not regress it; received_at
  // has milliseconds, resolved_at microseconds: the same millisecond counts as after.
  if (row.resolvedAt !== null && delta.lastSeen < Math.floor(row.resolvedAt)) return undefined;
  const regressed = (release: string | null): Change => ({
    id: row.id,
    action: "regressed",
    details: { release },
  });
  const fix = row.resolvedInRelease ?? row.resolvedAfterRelease;
  if (fix === null) return regressed(delta.lastRelease);
  // "In release R": from R or newer, or without a release. "In the next release" (after A):
  // only from a release newer than A.
  const inRelease = row.resolvedInRelease !== null;
  if (inRelease && delta.withoutRelease) return regressed(null);
  const firstSeen = await releaseFirstSeen(run, row, fix, delta.releases);
  for (const release of delta.releases) {
    const order = compareReleases(release, fix, (r) => firstSeen.get(r));
    if (inRelease ? order >= 0 : order > 0) return regressed(release);
  }
  return undefined;
}

/**
 * First-seen times for releases that do not compare as semver: the issue's oldest event of each
 * (logs_issue_received_idx; the commit's own rows included). A fix release the issue never saw
 * counts as first seen at the resolution, so a release first seen after it is newer.
 */
async function releaseFirstSeen(
  run: RunSql,
  row: StatusRow,
  fix: string,
  releases: readonly string[],
): Promise<Map<string, number>> {
  const needed = releases.filter((r) => !comparesBySemVer(r, fix));
  if (needed.length === 0) return new Map();
  const names = [...new Set([...needed, fix])];
  const found = await run<{ release: string; at: number | null }>(sql`
    select r.release, (
      select (extract(epoch from l.received_at) * 1000)::float8 from logs l
      where l.issue_id = ${row.id}::bigint and l.release = r.release
      order by l.received_at, l.id limit 1
    ) as at
    from unnest(${textArrayLiteral(names, (n) => n)}::text[]) as r(release)`);
  const times = new Map<string, number>();
  for (const { release, at } of found) if (at !== null) times.set(release, Number(at));
  if (!times.has(fix) && row.resolvedAt !== null) times.set(fix, row.resolvedAt);
  return times;
}

function ignoreEnd(row: StatusRow, delta: IssueDelta): Change | undefined {
  if (row.ignoreUntil === null) return undefined;
  const until = JSON.parse(row.ignoreUntil) as IgnoreUntil;
  const reason =
    until.events !== undefined && row.eventCount - (row.ignoreEventsBase ?? 0) >= until.events
      ? "events"
      : until.users !== undefined && row.userCount - (row.ignoreUsersBase ?? 0) >= until.users
        ? "users"
        : until.until !== undefined && delta.lastSeen >= Date.parse(until.until)
          ? "until"
          : undefined;
  return reason && { id: row.id, action: "ignore_ended", details: { reason } };
}

async function writeChanges(run: RunSql, changes: readonly Change[]): Promise<void> {
  await run(sql`
    with changed (id, action, details) as (
      select * from unnest(
        ${textArrayLiteral(changes, (c) => c.id)}::bigint[],
        ${textArrayLiteral(changes, (c) => c.action)}::text[],
        ${textArrayLiteral(changes, (c) => JSON.stringify(c.details))}::jsonb[])
    ),
    updated as (
      update issues i set
        status = 'unresolved',
        regressed = i.regressed or c.action = 'regressed',
        status_changed_at = now(),
        resolved_at = null, resolved_in_release = null, resolved_after_release = null,
        ignore_until = null, ignore_events_base = null, ignore_users_base = null
      from changed c where i.id = c.id
    )
    insert into issue_activity (issue_id, action, details)
    select id, action, details from changed order by id`);
}
