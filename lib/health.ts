import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { limiterStatus } from "@/lib/ratelimit/status";
import { retentionHealth, type StorageMetrics } from "@/lib/retention/health";
import packageJson from "@/package.json";

const startedAt = Date.now();

/**
 * `detailed` adds per-project storage facts (project ids, oldest event): for signed-in users and
 * admin tokens only, since /api/health itself is public for uptime checks.
 */
export async function healthReport({ detailed = false }: { detailed?: boolean } = {}) {
  // Probed alongside the database, bounded by LOGWELL_RATE_LIMIT_TIMEOUT_MS; "degraded" here
  // keeps the 200: ingest still works on the in-process fallback (docs/rate-limiting.md).
  const rateLimiter = limiterStatus();
  let db: "ok" | "unavailable" = "ok";
  try {
    await (await getDb()).execute(sql`select 1`);
  } catch (err) {
    logger.warn({ err }, "health: database check failed");
    db = "unavailable";
  }
  // Last prune and storage metrics (docs/operations.md); a failure here never fails the check.
  const retention =
    db === "ok"
      ? await retentionHealth(await getDb()).catch((err) => {
          logger.warn({ err }, "health: retention metrics failed");
          return null;
        })
      : null;
  return {
    status: db === "ok" ? ("ok" as const) : ("degraded" as const),
    version: packageJson.version,
    commit: env().VERCEL_GIT_COMMIT_SHA ?? env().LOGWELL_COMMIT ?? null,
    uptime_seconds: Math.round((Date.now() - startedAt) / 1000),
    db,
    rate_limiter: await rateLimiter,
    last_prune: retention?.last_prune ?? null,
    metrics: retention ? publicMetrics(retention.metrics, detailed) : null,
  };
}

function publicMetrics(metrics: StorageMetrics, detailed: boolean) {
  if (detailed) return metrics;
  const { oldest_event_by_project: _perProject, ...aggregate } = metrics;
  return aggregate;
}
