import type { Db } from "@/lib/db/open";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { type PruneResult, prune } from "./prune";

/**
 * One scheduled prune (cron route or the server's timer) with the deployment's budget and batch
 * size; `maxBudgetMs` lets a caller keep the run inside its own time limit. Logs counts only.
 */
export async function runScheduledPrune(
  db: Db,
  trigger: "cron" | "timer" | "cli",
  maxBudgetMs = Number.POSITIVE_INFINITY,
): Promise<PruneResult> {
  const { LOGWELL_PRUNE_BUDGET_MS, LOGWELL_PRUNE_BATCH_SIZE } = env();
  const result = await prune({
    db,
    now: new Date(),
    budgetMs: Math.min(LOGWELL_PRUNE_BUDGET_MS, maxBudgetMs),
    batchSize: LOGWELL_PRUNE_BATCH_SIZE,
  });
  logger.info(
    {
      trigger,
      deleted: result.deleted,
      done: result.done,
      skipped: result.skipped,
      projects: result.projects.length,
    },
    "prune finished",
  );
  return result;
}
