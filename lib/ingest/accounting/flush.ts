import { sql } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import { recordRefusalAlerts } from "@/lib/alerts/refusals";
import { nudgeAlertDelivery } from "@/lib/alerts/schedule";
import type { Db } from "@/lib/db/open";
import { queryRows, runOn } from "@/lib/db/query";
import { integerArrayLiteral, textArrayLiteral } from "@/lib/ingest/store/pg-array";
import { logger } from "@/lib/log";
import { type OutcomeCount, takeTally } from "./tally";

// The tally (tally.ts) into ingest_outcomes: one transaction adds every count and records the
// refusal alerts they cause (lib/alerts/refusals.ts), so a message exists exactly when its
// counts were committed.
//
// Never counted twice: each flush has an id, inserted into ingest_outcome_flushes in the same
// transaction as its counts. A flush that fails keeps its counts under the same id and is
// retried first next time; if the failure hid a commit (the connection dropped after COMMIT),
// the retry finds its id and adds nothing. A process that dies loses what it had not flushed
// (at most one flush interval), so the counts are at most once, never more than what happened.

interface PendingFlush {
  id: string;
  counts: OutcomeCount[];
}

const holder = globalThis as unknown as {
  __logwellOutcomeFlush?: { pending?: PendingFlush; running: Promise<unknown> };
};
holder.__logwellOutcomeFlush ??= { running: Promise.resolve() };
const state = holder.__logwellOutcomeFlush;

/** Adds what was counted so far; one flush at a time per process. Returns the rows written. */
export function flushIngestOutcomes(db: Db, now = Date.now()): Promise<number> {
  const run = state.running.then(
    () => flushPending(db, now),
    () => flushPending(db, now),
  );
  state.running = run.catch(() => {});
  return run;
}

async function flushPending(db: Db, now: number): Promise<number> {
  let written = 0;
  // The retried flush first (same id), then what was counted meanwhile.
  for (let round = 0; round < 2; round++) {
    if (!state.pending) {
      const { counts, lost } = takeTally();
      if (lost > 0) logger.warn({ lost }, "ingest health: tally full, events not counted");
      if (counts.length === 0) break;
      state.pending = { id: `flush_${uuidv7()}`, counts };
    }
    const flush = state.pending;
    const { alerted } = await writeFlush(db, flush, now);
    state.pending = undefined;
    written += flush.counts.length;
    if (alerted) nudgeAlertDelivery();
  }
  return written;
}

/** One flush in one transaction; a repeated id adds nothing. */
export async function writeFlush(
  db: Db,
  flush: PendingFlush,
  now: number,
): Promise<{ alerted: boolean }> {
  const { counts } = flush;
  return db.transaction(async (tx) => {
    const first = await queryRows<{ id: string }>(
      tx,
      sql`insert into ingest_outcome_flushes (id) values (${flush.id})
          on conflict (id) do nothing returning id`,
    );
    if (first.length === 0) return { alerted: false };
    // Counts of a project deleted since are dropped here rather than failing the flush.
    await tx.execute(sql`
      insert into ingest_outcomes (project_id, minute, outcome, requests, events, example)
      select c.project_id, c.minute, c.outcome, c.requests, c.events, c.example
      from unnest(
        ${textArrayLiteral(counts, (c) => c.projectId)}::uuid[],
        ${textArrayLiteral(counts, (c) => new Date(c.minute).toISOString())}::timestamptz[],
        ${textArrayLiteral(counts, (c) => c.outcome)}::text[],
        ${integerArrayLiteral(counts, (c) => c.requests)}::int8[],
        ${integerArrayLiteral(counts, (c) => c.events)}::int8[],
        ${textArrayLiteral(counts, (c) => c.example)}::text[]
      ) as c(project_id, minute, outcome, requests, events, example)
      where c.project_id is null or exists (select 1 from projects p where p.id = c.project_id)
      on conflict on constraint ingest_outcomes_key do update set
        requests = ingest_outcomes.requests + excluded.requests,
        events = ingest_outcomes.events + excluded.events,
        example = coalesce(excluded.example, ingest_outcomes.example)`);
    const projectIds = [
      ...new Set(counts.flatMap((c) => (c.projectId === null ? [] : [c.projectId]))),
    ];
    const alerted = await recordRefusalAlerts(runOn(tx), { projectIds }, now);
    return { alerted };
  });
}

export const outcomeDays = 30;
const pruneBatch = 5000;

/**
 * Counts older than 30 days go, and flush ids older than a day (a retry comes within
 * seconds); bounded per call, run hourly by the flush timer and by the alerts cron.
 */
export async function pruneIngestOutcomes(db: Db, now = Date.now()): Promise<void> {
  const cutoff = new Date(now - outcomeDays * 86_400_000).toISOString();
  const idCutoff = new Date(now - 86_400_000).toISOString();
  await db.execute(sql`
    delete from ingest_outcomes where ctid in (
      select ctid from ingest_outcomes where minute < ${cutoff}::timestamptz limit ${pruneBatch})`);
  await db.execute(sql`
    delete from ingest_outcome_flushes where id in (
      select id from ingest_outcome_flushes where at < ${idCutoff}::timestamptz
      limit ${pruneBatch})`);
}
