import { levelNumber } from "@/lib/db/schema/logs";
import type { NormalizedEvent } from "@/lib/ingest/normalize/schema";
import type { RequestFacts } from "@/lib/ingest/store/write-column";

// What a request (or a group of requests committed together) adds to each of its issues: one
// compact summary per issue, not per event, so the counter statements touch each issue's rows
// once however many of its events arrive (a storm on one issue is one row update per commit).
// Plain data (strings and numbers): it crosses from a preparation thread with the COPY rows.
// Its size is bounded by the request's events (at most 3 values per event).

const hourMs = 60 * 60 * 1000;

export interface IssueDelta {
  /** The issue id in decimal (a bigint does not need to cross the thread boundary). */
  id: string;
  projectId: string;
  key: string;
  version: number;
  title: string;
  culprit: string | null;
  type: string | null;
  events: number;
  /** The highest level among the events (logs' numbering). */
  level: number;
  /** received_at (ms) of the first and last events, and their releases. */
  firstSeen: number;
  firstRelease: string | null;
  lastSeen: number;
  lastRelease: string | null;
  /** Events per UTC hour (hour start in ms). */
  hours: [number, number][];
  releases: string[];
  /** Whether any event came without a release (lifecycle: such an event can regress). */
  withoutRelease: boolean;
  environments: string[];
  /** The identities user_count counts (userIdentity). */
  users: string[];
}

/** An IssueDelta as a JSON array: what crosses from a preparation thread (encodeDeltas). */
type DeltaTuple = [
  id: string,
  projectId: string,
  key: string,
  version: number,
  title: string,
  culprit: string | null,
  type: string | null,
  events: number,
  level: number,
  firstSeen: number,
  firstRelease: string | null,
  lastSeen: number,
  lastRelease: string | null,
  hours: [number, number][],
  releases: string[],
  withoutRelease: boolean,
  environments: string[],
  users: string[],
];

/**
 * A request's summaries as one JSON string of arrays: without the field names it is ≈ 40 %
 * shorter than the objects' JSON and takes about half the time to write and read back
 * (docs/performance.md), once per request with 100 distinct issues per batch.
 */
export function encodeDeltas(deltas: readonly IssueDelta[]): string {
  return JSON.stringify(
    deltas.map(
      (d): DeltaTuple => [
        d.id,
        d.projectId,
        d.key,
        d.version,
        d.title,
        d.culprit,
        d.type,
        d.events,
        d.level,
        d.firstSeen,
        d.firstRelease,
        d.lastSeen,
        d.lastRelease,
        d.hours,
        d.releases,
        d.withoutRelease,
        d.environments,
        d.users,
      ],
    ),
  );
}

export function decodeDeltas(text: string): IssueDelta[] {
  return (JSON.parse(text) as DeltaTuple[]).map((t) => ({
    id: t[0],
    projectId: t[1],
    key: t[2],
    version: t[3],
    title: t[4],
    culprit: t[5],
    type: t[6],
    events: t[7],
    level: t[8],
    firstSeen: t[9],
    firstRelease: t[10],
    lastSeen: t[11],
    lastRelease: t[12],
    hours: t[13],
    releases: t[14],
    withoutRelease: t[15],
    environments: t[16],
    users: t[17],
  }));
}

export function hourOf(ms: number): number {
  return Math.floor(ms / hourMs) * hourMs;
}

/**
 * Who an event happened to, as issue_values stores it: the user id, else the session, else the
 * stored client IP (whatever the project's ip_storage kept), else nobody (not counted). The
 * prefix keeps a user id from meeting a session id or an address of the same text.
 */
export function userIdentity(event: NormalizedEvent, clientIp: string | null): string | null {
  if (event.userId) return `id:${event.userId}`;
  if (event.sessionId) return `session:${event.sessionId}`;
  return clientIp ? `ip:${clientIp}` : null;
}

interface Building {
  delta: IssueDelta;
  releases: Set<string>;
  environments: Set<string>;
  users: Set<string>;
}

/** The per-issue summary of `events` (those with an issue), all received with `facts`. */
export function issueDeltas(facts: RequestFacts, events: Iterable<NormalizedEvent>): IssueDelta[] {
  const at = facts.receivedAt.getTime();
  const byId = new Map<bigint, Building>();
  for (const event of events) {
    const issue = event.issue;
    if (!issue) continue;
    let b = byId.get(issue.id);
    if (!b) {
      b = {
        delta: {
          id: issue.id.toString(),
          projectId: facts.projectId,
          key: issue.key,
          version: issue.version,
          title: issue.title,
          culprit: issue.culprit,
          type: issue.type,
          events: 0,
          level: 0,
          firstSeen: at,
          firstRelease: event.release,
          lastSeen: at,
          lastRelease: event.release,
          hours: [[hourOf(at), 0]],
          releases: [],
          withoutRelease: false,
          environments: [],
          users: [],
        },
        releases: new Set(),
        environments: new Set(),
        users: new Set(),
      };
      byId.set(issue.id, b);
    }
    const d = b.delta;
    d.events++;
    (d.hours[0] as [number, number])[1]++;
    d.level = Math.max(d.level, levelNumber[event.level]);
    // The request's events share one received_at: the last in the request is the latest.
    d.lastRelease = event.release;
    if (event.release === null) d.withoutRelease = true;
    else b.releases.add(event.release);
    if (event.environment !== null) b.environments.add(event.environment);
    const user = userIdentity(event, facts.clientIp);
    if (user !== null) b.users.add(user);
  }
  return [...byId.values()].map(({ delta, releases, environments, users }) => ({
    ...delta,
    releases: [...releases],
    environments: [...environments],
    users: [...users],
  }));
}

/** One summary per issue for several requests committed together, sorted by issue id. */
export function mergeDeltas(lists: readonly (readonly IssueDelta[])[]): IssueDelta[] {
  if (lists.length === 1)
    return [...(lists[0] as IssueDelta[])].sort((a, b) => compareIds(a.id, b.id));
  // One accumulator per issue, filled in place: a group of many requests on the same issues
  // costs one pass over their summaries, not a new object per merge.
  const byId = new Map<string, Building & { hours: Map<number, number> }>();
  for (const list of lists) {
    for (const d of list) {
      let b = byId.get(d.id);
      if (!b) {
        b = {
          delta: { ...d },
          releases: new Set(d.releases),
          environments: new Set(d.environments),
          users: new Set(d.users),
          hours: new Map(d.hours),
        };
        byId.set(d.id, b);
        continue;
      }
      const m = b.delta;
      m.events += d.events;
      m.level = Math.max(m.level, d.level);
      if (d.firstSeen < m.firstSeen) {
        m.firstSeen = d.firstSeen;
        m.firstRelease = d.firstRelease;
      }
      if (d.lastSeen >= m.lastSeen) {
        m.lastSeen = d.lastSeen;
        m.lastRelease = d.lastRelease;
      }
      m.withoutRelease ||= d.withoutRelease;
      for (const [hour, n] of d.hours) b.hours.set(hour, (b.hours.get(hour) ?? 0) + n);
      for (const r of d.releases) b.releases.add(r);
      for (const e of d.environments) b.environments.add(e);
      for (const u of d.users) b.users.add(u);
    }
  }
  return [...byId.values()]
    .map(({ delta, releases, environments, users, hours }) => ({
      ...delta,
      hours: [...hours],
      releases: [...releases],
      environments: [...environments],
      users: [...users],
    }))
    .sort((a, b) => compareIds(a.id, b.id));
}

/** Issue ids (positive decimals of at most 19 digits) in numeric order: the lock order. */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
