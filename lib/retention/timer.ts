import type { Db } from "@/lib/db/open";
import { logger } from "@/lib/log";
import { runScheduledPrune } from "./scheduled";

export interface PruneTimer {
  stop(): void;
}

// One timer per server process, even if instrumentation or a hot reload starts it twice.
const holder = globalThis as unknown as { __logwellPruneTimer?: PruneTimer };

/**
 * The self-hosted server's retention schedule (Vercel uses its cron instead). Timers are unref'd
 * so they never keep a stopping process alive; a tick is skipped while the previous one runs.
 */
export function startPruneTimer(
  getDb: () => Promise<Db>,
  options: { intervalMs: number; firstRunAfterMs: number },
): PruneTimer {
  if (holder.__logwellPruneTimer) return holder.__logwellPruneTimer;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await runScheduledPrune(await getDb(), "timer");
    } catch (err) {
      logger.warn({ err }, "scheduled prune failed; retrying at the next interval");
    } finally {
      running = false;
    }
  };
  const first = setTimeout(tick, options.firstRunAfterMs);
  const every = setInterval(tick, options.intervalMs);
  first.unref();
  every.unref();
  const timer: PruneTimer = {
    stop() {
      clearTimeout(first);
      clearInterval(every);
      if (holder.__logwellPruneTimer === timer) holder.__logwellPruneTimer = undefined;
    },
  };
  holder.__logwellPruneTimer = timer;
  return timer;
}
