import type { Db } from "@/lib/db/open";
import { logger } from "@/lib/log";
import { deliverDueAlerts } from "./deliver/worker";
import { pruneAlertHistory } from "./history";
import { evaluateRefusalRules } from "./refusals";
import { setAlertNudge } from "./schedule";

// The self-hosted server's alert worker (Vercel: the cron route and after()): a tick every
// interval, and an early one shortly after ingest records a message. One timer per process; a
// tick is skipped while the previous one runs; several processes share the outbox safely
// (rows are claimed with FOR UPDATE SKIP LOCKED).

export interface AlertTimer {
  stop(): void;
}

const holder = globalThis as unknown as { __logwellAlertTimer?: AlertTimer };

export function startAlertTimer(getDb: () => Promise<Db>, intervalMs: number): AlertTimer {
  if (holder.__logwellAlertTimer) return holder.__logwellAlertTimer;
  let running = false;
  let again = false;
  let soon: NodeJS.Timeout | undefined;
  let prunedAt = 0;
  const tick = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const db = await getDb();
      // Refusal rules recover as their window slides past the refusals, with no new count.
      await evaluateRefusalRules(db);
      do {
        again = false;
        await deliverDueAlerts(db, {});
      } while (again);
      if (Date.now() - prunedAt > 3600_000) {
        prunedAt = Date.now();
        await pruneAlertHistory(db);
      }
    } catch (err) {
      logger.warn({ err }, "alert delivery failed; retrying at the next interval");
    } finally {
      running = false;
    }
  };
  const every = setInterval(tick, intervalMs);
  every.unref();
  setAlertNudge(() => {
    // After the recording transaction commits (a moment later), once however many ask.
    if (soon) return;
    soon = setTimeout(() => {
      soon = undefined;
      void tick();
    }, 500);
    soon.unref();
  });
  const timer: AlertTimer = {
    stop() {
      clearInterval(every);
      if (soon) clearTimeout(soon);
      setAlertNudge(undefined);
      if (holder.__logwellAlertTimer === timer) holder.__logwellAlertTimer = undefined;
    },
  };
  holder.__logwellAlertTimer = timer;
  return timer;
}
