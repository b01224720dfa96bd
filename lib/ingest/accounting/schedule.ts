import { after } from "next/server";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";

// When the tally is flushed (flush.ts): on `npm start` and `next start` by the flush timer
// (timer.ts) every few seconds and at shutdown; on Vercel, where a function instance may be
// frozen between requests, by Next's after() once the counting request has answered (one small
// transaction per request, off its answer). Like alert delivery, never inside the request.

const holder = globalThis as unknown as { __logwellOutcomeTimerOn?: boolean };

/** Called by the flush timer when it starts and stops: it then flushes, not after(). */
export function setOutcomeTimerOn(on: boolean): void {
  holder.__logwellOutcomeTimerOn = on;
}

export function scheduleOutcomeFlush(): void {
  if (holder.__logwellOutcomeTimerOn || !env().VERCEL) return;
  try {
    after(async () => {
      // Imported here: the ingest path must load outside Next (lib/alerts/schedule.ts says why).
      const [{ flushIngestOutcomes }, { getDb }] = await Promise.all([
        import("./flush"),
        import("@/lib/db/client"),
      ]);
      await flushIngestOutcomes(await getDb()).catch((err: unknown) => {
        // Kept for the next request's flush (flush.ts retries the same flush id).
        logger.warn({ err }, "ingest health: flush failed");
      });
    });
  } catch (err) {
    logger.debug({ err }, "ingest health: no request to flush after");
  }
}
