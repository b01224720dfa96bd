import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import type { NormalizedEvent } from "@/lib/ingest/normalize/schema";
import { textArrayLiteral } from "@/lib/ingest/store/pg-array";
import { logger } from "@/lib/log";
import type { EventIssue } from "./event-issue";

// Issue aliases (docs/issues.md → Original frames): an error whose events arrived before its
// source maps has an issue keyed by its minified frames (M). When a later event of it is keyed
// by its original frames (O) and O has no issue yet while the event's minified key names an
// existing one, O is recorded as an alias of M, and that event and every later one keyed O (of
// any deploy) are counted in M: the error is not split by the upload. Only on the path that
// already looked the maps up (lib/ingest/prepare/source-map-grouping.ts); any failure leaves
// the events in O, as without aliases.

/** Distinct original-frames keys of one request looked up (as many as stacks mapped). */
const maxLookups = 64;
const ttlMs = 60_000;
const cap = 10_000;

/** The issue an original-frames id is counted in; null: its own. */
type Answer = EventIssue | null;

// An alias never changes once made, and an O issue that exists keeps its events; only an
// answer "none" for an O about to be created, or an alias to an issue pruned since (its
// events then recreate M), can be stale, for at most ttlMs.
const remembered = new Map<string, { answer: Answer; at: number }>();

interface IssueRow {
  alias: string;
  id: string;
  key: string;
  version: number;
  title: string;
  culprit: string | null;
  type: string | null;
}

/**
 * Moves events keyed by their original frames into the issue their minified key named before
 * the maps, where the alias says so or is made now. `minified`: each regrouped event's issue
 * before it was regrouped.
 */
export async function joinEarlierIssues(
  db: Db,
  projectId: string,
  events: readonly NormalizedEvent[],
  minified: ReadonlyMap<NormalizedEvent, EventIssue>,
): Promise<void> {
  // O id → the minified issue of its first event.
  const pairs = new Map<bigint, EventIssue>();
  for (const event of events) {
    const before = minified.get(event);
    const after = event.issue;
    if (!before || !after || after.id === before.id || pairs.has(after.id)) continue;
    if (pairs.size === maxLookups) break;
    pairs.set(after.id, before);
  }
  if (pairs.size === 0) return;
  let answers: Map<bigint, Answer>;
  try {
    answers = await resolve(db, projectId, pairs);
  } catch (err) {
    logger.warn({ err, projectId }, "ingest: issue alias lookup failed");
    return;
  }
  for (const event of events) {
    const target = event.issue && answers.get(event.issue.id);
    if (target) event.issue = { ...target };
  }
}

async function resolve(
  db: Db,
  projectId: string,
  pairs: ReadonlyMap<bigint, EventIssue>,
): Promise<Map<bigint, Answer>> {
  const answers = new Map<bigint, Answer>();
  const now = Date.now();
  const unknown: bigint[] = [];
  for (const original of pairs.keys()) {
    const hit = remembered.get(`${projectId}\n${original}`);
    if (hit && now - hit.at < ttlMs) answers.set(original, hit.answer);
    else unknown.push(original);
  }
  if (unknown.length === 0) return answers;

  const aliased = await aliasesOf(db, projectId, unknown);
  const open = unknown.filter((o) => !aliased.has(o));
  if (open.length > 0) {
    const minifiedIds = open.map((o) => (pairs.get(o) as EventIssue).id);
    const existing = new Set(
      (
        await queryRows<{ id: string }>(
          db,
          sql`select id::text as id from issues where project_id = ${projectId}
              and id = any(${ids(open.concat(minifiedIds))}::bigint[])`,
        )
      ).map((r) => BigInt(r.id)),
    );
    const toMake = open.filter(
      (o) => !existing.has(o) && existing.has((pairs.get(o) as EventIssue).id),
    );
    if (toMake.length > 0) {
      // Two requests racing here agree: the first insert wins and both read it back.
      await queryRows(
        db,
        sql`insert into issue_aliases (project_id, alias_id, issue_id)
            select ${projectId}::uuid, a, i from unnest(
              ${ids(toMake)}::bigint[],
              ${ids(toMake.map((o) => (pairs.get(o) as EventIssue).id))}::bigint[]) as t(a, i)
            order by a
            on conflict (project_id, alias_id) do nothing`,
      );
      for (const [o, target] of await aliasesOf(db, projectId, toMake)) aliased.set(o, target);
    }
  }
  if (remembered.size + unknown.length > cap) remembered.clear();
  for (const original of unknown) {
    const answer = aliased.get(original) ?? null;
    answers.set(original, answer);
    remembered.set(`${projectId}\n${original}`, { answer, at: now });
  }
  return answers;
}

async function aliasesOf(
  db: Db,
  projectId: string,
  originals: readonly bigint[],
): Promise<Map<bigint, EventIssue>> {
  const rows = await queryRows<IssueRow>(
    db,
    sql`select a.alias_id::text as alias, i.id::text as id, i.grouping_key as key,
               i.grouping_version as version, i.title, i.culprit, i.type
        from issue_aliases a join issues i on i.id = a.issue_id and i.project_id = a.project_id
        where a.project_id = ${projectId} and a.alias_id = any(${ids(originals)}::bigint[])`,
  );
  return new Map(
    rows.map((r) => [
      BigInt(r.alias),
      {
        id: BigInt(r.id),
        key: r.key,
        version: Number(r.version),
        title: r.title,
        culprit: r.culprit,
        type: r.type,
      },
    ]),
  );
}

/** A bigint[] literal for Postgres. */
const ids = (values: readonly bigint[]) => textArrayLiteral(values, String);

/** For tests: every process-local answer forgotten. */
export function forgetIssueAliases(): void {
  remembered.clear();
}
