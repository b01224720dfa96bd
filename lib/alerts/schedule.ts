import { after } from "next/server";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";

// Delivery runs soon after a message is recorded, never inside the request that recorded it:
// on `npm start` the alert timer (timer.ts) is asked for an early tick; on Vercel the work is
// handed to Next's after(), which runs once the response is sent (the cron route catches up
// on whatever is left: retries, summaries due at the end of their window).

const holder = globalThis as unknown as { __logwellAlertNudge?: () => void };

/** Called by the alert timer when it starts: how to ask it for an early tick. */
export function setAlertNudge(nudge: (() => void) | undefined): void {
  holder.__logwellAlertNudge = nudge;
}

export function nudgeAlertDelivery(): void {
  if (holder.__logwellAlertNudge) {
    holder.__logwellAlertNudge();
    return;
  }
  if (!env().VERCEL) return;
  try {
    after(async () => {
      // Imported here, not at the top: ingest imports this file (record.ts), and the ingest path
      // must load outside Next (scripts, the preparation threads' tests) where lib/db/client's
      // server-only marker throws.
      const [{ deliverDueAlerts }, { getDb }] = await Promise.all([
        import("./deliver/worker"),
        import("@/lib/db/client"),
      ]);
      await deliverDueAlerts(await getDb(), { budgetMs: 20_000 });
    });
  } catch (err) {
    // Outside a request (a script): the cron delivers.
    logger.debug({ err }, "alert delivery left to the cron");
  }
}
