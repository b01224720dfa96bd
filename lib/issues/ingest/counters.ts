import { type SQL, sql } from "drizzle-orm";
import type { RunSql } from "@/lib/db/query";
import { integerArrayLiteral, textArrayLiteral } from "@/lib/ingest/store/pg-array";
import { hourOf, type IssueDelta } from "./delta";

// The counters of a commit's issues, as ONE statement over arrays (whatever the number of
// events or issues): the issue rows are created or counted by one upsert, their hours added,
// their new values inserted, in the transaction that commits the events (docs/issues.md →
// Counting). Rows are taken in issue-id order in every table, and an issue's hours and values
// are written only after its row is locked, so two commits touching the same issues wait for
// each other instead of deadlocking, and a storm on one issue is one update of its row per
// commit. Its text never changes (all data goes in the arrays), so on the COPY group's
// connection it is a prepared statement, parsed and planned once per connection: planning this
// statement cost Postgres more than running it for 100 issues (docs/performance.md).

/** An issue the commit found resolved or ignored: the lifecycle decides (lifecycle.ts). */
export interface StatusRow {
  id: string;
  status: "resolved" | "ignored";
  resolvedAt: number | null;
  resolvedInRelease: string | null;
  resolvedAfterRelease: string | null;
  ignoreUntil: string | null;
  ignoreEventsBase: number | null;
  ignoreUsersBase: number | null;
  eventCount: number;
  userCount: number;
}

const iso = (ms: number) => new Date(ms).toISOString();
const texts = <T>(items: readonly T[], pick: (item: T) => string | null) =>
  textArrayLiteral(items, pick);

interface ValueRow {
  issue: string;
  kind: "user" | "release" | "environment";
  value: string;
  hour: string;
}

function valueRows(deltas: readonly IssueDelta[]): ValueRow[] {
  const rows: ValueRow[] = [];
  for (const d of deltas) {
    // The newest hour of the commit for every value: never older than the value's newest
    // event, which is all the prune relies on (it checks the logs in the boundary hour).
    const hour = iso(hourOf(d.lastSeen));
    const add = (kind: ValueRow["kind"], values: readonly string[]) => {
      for (const value of [...values].sort()) rows.push({ issue: d.id, kind, value, hour });
    };
    // Kinds in primary-key order ('environment' < 'release' < 'user').
    add("environment", d.environments);
    add("release", d.releases);
    add("user", d.users);
  }
  return rows;
}

function hourRows(deltas: readonly IssueDelta[]) {
  return deltas.flatMap((d) =>
    [...d.hours].sort((a, b) => a[0] - b[0]).map(([hour, n]) => ({ issue: d.id, hour, n })),
  );
}

/** What a commit's counting found: the issues not unresolved, and those it created. */
export interface CountResult {
  statuses: StatusRow[];
  /** Issue ids (decimal) whose rows this commit inserted: new issues, for alerts. */
  created: string[];
}

/** Counts `deltas` (sorted by issue id, mergeDeltas). */
export async function addIssueCounts(
  run: RunSql,
  deltas: readonly IssueDelta[],
): Promise<CountResult> {
  if (deltas.length === 0) return { statuses: [], created: [] };
  const rows = await run<StatusRow & { inserted: boolean }>(countStatement(deltas), {
    prepared: "logwell_issue_counts",
  });
  const statuses: StatusRow[] = [];
  const created: string[] = [];
  for (const { inserted, ...row } of rows) {
    if (inserted) created.push(row.id);
    else statuses.push(row);
  }
  return { statuses, created };
}

function countStatement(deltas: readonly IssueDelta[]): SQL {
  const values = valueRows(deltas);
  const hours = hourRows(deltas);
  return sql`
    with input (id, project_id, grouping_key, grouping_version, title, culprit, type, level,
                first_seen, last_seen, first_release, last_release, events) as (
      select * from unnest(
        ${texts(deltas, (d) => d.id)}::bigint[], ${texts(deltas, (d) => d.projectId)}::uuid[],
        ${texts(deltas, (d) => d.key)}::text[],
        ${integerArrayLiteral(deltas, (d) => d.version)}::smallint[],
        ${texts(deltas, (d) => d.title)}::text[], ${texts(deltas, (d) => d.culprit)}::text[],
        ${texts(deltas, (d) => d.type)}::text[],
        ${integerArrayLiteral(deltas, (d) => d.level)}::smallint[],
        ${texts(deltas, (d) => iso(d.firstSeen))}::timestamptz[],
        ${texts(deltas, (d) => iso(d.lastSeen))}::timestamptz[],
        ${texts(deltas, (d) => d.firstRelease)}::text[],
        ${texts(deltas, (d) => d.lastRelease)}::text[],
        ${integerArrayLiteral(deltas, (d) => d.events)}::bigint[])
    ),
    vals (issue_id, kind, value, last_hour) as (
      select * from unnest(
        ${texts(values, (v) => v.issue)}::bigint[], ${texts(values, (v) => v.kind)}::text[],
        ${texts(values, (v) => v.value)}::text[], ${texts(values, (v) => v.hour)}::timestamptz[])
    ),
    -- A value already stored is not locked or rewritten (DO NOTHING); only its hour moves,
    -- at most once an hour (moved, below).
    new_values as (
      insert into issue_values (issue_id, kind, value, last_hour)
      select * from vals order by issue_id, kind, value
      on conflict (issue_id, kind, value) do nothing
      returning issue_id, kind
    ),
    new_users as (
      select issue_id, count(*) as n from new_values where kind = 'user' group by issue_id
    ),
    counted as (
      insert into issues as i (id, project_id, grouping_key, grouping_version, title, culprit,
                               type, level, first_seen, last_seen, first_release, last_release,
                               event_count, user_count)
      select input.*, coalesce(new_users.n, 0) from input
      left join new_users on new_users.issue_id = input.id
      order by input.id
      on conflict (id) do update set
        level = greatest(i.level, excluded.level),
        first_seen = least(i.first_seen, excluded.first_seen),
        first_release = case when excluded.first_seen < i.first_seen
                             then excluded.first_release else i.first_release end,
        last_seen = greatest(i.last_seen, excluded.last_seen),
        last_release = case when excluded.last_seen >= i.last_seen
                            then excluded.last_release else i.last_release end,
        event_count = i.event_count + excluded.event_count,
        user_count = i.user_count + excluded.user_count
      -- Two keys whose ids meet (lib/issues/issue-id.ts) are never merged into one row.
      where i.project_id = excluded.project_id and i.grouping_key = excluded.grouping_key
      -- xmax is 0 on a row this statement inserted (not on one it updated).
      returning i.*, (i.xmax = 0) as inserted
    ),
    -- Run after counted (a statement's unreferenced parts run last): the issue rows are locked.
    moved as (
      update issue_values v set last_hour = vals.last_hour from vals
      where v.issue_id = vals.issue_id and v.kind = vals.kind and v.value = vals.value
        and v.last_hour < vals.last_hour
    ),
    hours as (
      insert into issue_hours (issue_id, hour, events)
      select * from unnest(
        ${texts(hours, (h) => h.issue)}::bigint[], ${texts(hours, (h) => iso(h.hour))}::timestamptz[],
        ${integerArrayLiteral(hours, (h) => h.n)}::bigint[])
      order by 1, 2
      on conflict (issue_id, hour) do update set events = issue_hours.events + excluded.events
    )
    select id::text as id, status,
           (extract(epoch from resolved_at) * 1000)::float8 as "resolvedAt",
           resolved_in_release as "resolvedInRelease",
           resolved_after_release as "resolvedAfterRelease",
           ignore_until::text as "ignoreUntil",
           ignore_events_base::float8 as "ignoreEventsBase",
           ignore_users_base::float8 as "ignoreUsersBase",
           event_count::float8 as "eventCount", user_count::float8 as "userCount", inserted
    from counted where status <> 'unresolved' or inserted`;
}
