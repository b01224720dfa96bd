import { type IngestOutcome, ingestOutcomes } from "@/lib/db/schema/ingest-outcomes";

// Ingest health, counted on the ingest path (docs/operations.md → Ingest health): one map
// update per request, in process memory; flush.ts adds the map to ingest_outcomes every few
// seconds and at shutdown. No statement runs per request, so counting costs ingest a map
// lookup (docs/performance.md). The map is bounded: its keys are (project, minute, outcome),
// projects come from valid keys only, and past maxEntries (a database down for a long time)
// new keys are counted as lost instead of growing it.

export interface OutcomeCount {
  /** Null: the deployment's bucket (a refusal no project can be named for). */
  projectId: string | null;
  /** Start of the minute, epoch milliseconds. */
  minute: number;
  outcome: IngestOutcome;
  requests: number;
  events: number;
  example: string | null;
}

export const maxEntries = 10_000;
const outcomeIndex = Object.fromEntries(ingestOutcomes.map((o, i) => [o, i])) as Record<
  IngestOutcome,
  number
>;
const maxExampleChars = 200;

interface Tally {
  /** By project (null: the deployment's bucket), then by minute + the outcome's index. */
  entries: Map<string | null, Map<number, OutcomeCount>>;
  size: number;
  /** Counts that found the map full (logged by the flush). */
  lost: number;
}

// On globalThis: Next's route bundles and `npm start`'s direct lane share one tally per process.
const holder = globalThis as unknown as { __logwellIngestTally?: Tally };
holder.__logwellIngestTally ??= { entries: new Map(), size: 0, lost: 0 };
const tally = holder.__logwellIngestTally;

/**
 * Counts one request's outcome: `events` events (at least 1 for a refusal whose body was not
 * read), `example` a refused value worth naming in the advice (capped here).
 */
export function countOutcome(
  projectId: string | null,
  outcome: IngestOutcome,
  events: number,
  example?: string,
  now = Date.now(),
): void {
  const minute = now - (now % 60_000);
  // Numbers, not a string key: no string is built per request (minutes are multiples of 60,000).
  const key = minute + outcomeIndex[outcome];
  let byKey = tally.entries.get(projectId);
  if (!byKey) {
    byKey = new Map();
    tally.entries.set(projectId, byKey);
  }
  let entry = byKey.get(key);
  if (!entry) {
    if (tally.size >= maxEntries) {
      tally.lost += events;
      return;
    }
    entry = { projectId, minute, outcome, requests: 0, events: 0, example: null };
    byKey.set(key, entry);
    tally.size++;
  }
  entry.requests++;
  entry.events += events;
  if (example) entry.example = example.slice(0, maxExampleChars);
}

/** Everything counted since the last take; the tally starts over empty. */
export function takeTally(): { counts: OutcomeCount[]; lost: number } {
  const counts = [...tally.entries.values()].flatMap((byKey) => [...byKey.values()]);
  const lost = tally.lost;
  tally.entries.clear();
  tally.size = 0;
  tally.lost = 0;
  return { counts, lost };
}
