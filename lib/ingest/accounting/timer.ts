import type { Db } from "@/lib/db/open";
import { logger } from "@/lib/log";
import { flushIngestOutcomes, pruneIngestOutcomes } from "./flush";
import { setOutcomeTimerOn } from "./schedule";

// The self-hosted server's ingest-health flush (Vercel: schedule.ts): the tally into the
// database every interval, and once more when `npm start` shuts down (scripts/server.mjs runs
// the shutdown hooks after the last request has answered), so a restart loses nothing counted.
// Old counts are pruned hourly. One timer per process.

export interface OutcomeTimer {
  stop(): Promise<void>;
}

type ShutdownHook = () => Promise<void>;
const holder = globalThis as unknown as {
  __logwellOutcomeTimer?: OutcomeTimer;
  /** Read by scripts/server.mjs on SIGTERM/SIGINT. */
  __logwellShutdownHooks?: ShutdownHook[];
};

export function startOutcomeFlushTimer(getDb: () => Promise<Db>, intervalMs: number): OutcomeTimer {
  if (holder.__logwellOutcomeTimer) return holder.__logwellOutcomeTimer;
  let prunedAt = 0;
  const flush = async () => {
    try {
      const db = await getDb();
      await flushIngestOutcomes(db);
      if (Date.now() - prunedAt > 3600_000) {
        prunedAt = Date.now();
        await pruneIngestOutcomes(db);
      }
    } catch (err) {
      logger.warn({ err }, "ingest health: flush failed; kept for the next one");
    }
  };
  const every = setInterval(flush, intervalMs);
  every.unref();
  setOutcomeTimerOn(true);
  holder.__logwellShutdownHooks ??= [];
  const hooks = holder.__logwellShutdownHooks;
  const timer: OutcomeTimer = {
    async stop() {
      clearInterval(every);
      setOutcomeTimerOn(false);
      hooks.splice(hooks.indexOf(timer.stop), 1);
      if (holder.__logwellOutcomeTimer === timer) holder.__logwellOutcomeTimer = undefined;
      await flush();
    },
  };
  hooks.push(timer.stop);
  holder.__logwellOutcomeTimer = timer;
  return timer;
}
