import { after } from "next/server";
import type { Db } from "@/lib/db/open";
import { logger } from "@/lib/log";
import { continueProjectDeletions } from "./delete-project";

// Within Vercel's default function limit with room to spare; whatever is left then goes at the
// next prune (its orphan pass), so a deletion always finishes.
const backgroundBudgetMs = 45_000;

/** After the answer is sent (route handler or server action), keeps deleting the logs left. */
export function continueDeletionsAfterResponse(db: Db): void {
  after(async () => {
    try {
      const done = await continueProjectDeletions(db, backgroundBudgetMs);
      logger.info({ done }, "project deletion continued in the background");
    } catch (err) {
      logger.warn({ err }, "project deletion: background step failed; the next prune goes on");
    }
  });
}
