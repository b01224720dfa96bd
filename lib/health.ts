import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import type { Db } from "@/lib/db/open";
import { env } from "@/lib/env";
import { clientIpSource, unknownClientIpRequests } from "@/lib/http/client-ip";
import { logger } from "@/lib/log";
import { deploymentIngestTotals } from "@/lib/projects/ingest-health";
import { limiterStatus } from "@/lib/ratelimit/status";
import { retentionHealth, type StorageMetrics } from "@/lib/retention/health";
import packageJson from "@/package.json";

const startedAt = Date.now();

/**
 * `projectIds` adds per-project storage facts (project id, oldest event) for those projects only:
 * the ones the signed-in user or token may see. /api/health itself is public for uptime checks,
 * and anonymous callers get aggregates only.
 */
export async function healthReport({ projectIds }: { projectIds?: readonly string[] } = {}) {
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
  // Last prune, storage metrics and ingest totals (docs/operations.md); a failure here never
  // fails the check.
  const optional = async <T>(what: string, read: (db: Db) => Promise<T>): Promise<T | null> =>
    db === "ok"
      ? read(await getDb()).catch((err) => {
          logger.warn({ err }, `health: ${what} failed`);
          return null;
        })
      : null;
  const retention = await optional("retention metrics", retentionHealth);
  const ingest = await optional("ingest totals", (d) => deploymentIngestTotals(d));
  return {
    status: db === "ok" ? ("ok" as const) : ("degraded" as const),
    version: packageJson.version,
    commit: env().VERCEL_GIT_COMMIT_SHA ?? env().LOGWELL_COMMIT ?? null,
    uptime_seconds: Math.round((Date.now() - startedAt) / 1000),
    db,
    rate_limiter: await rateLimiter,
    // "unknown": per-address rate limits are off (docs/rate-limiting.md, "Client IP").
    client_ip: { source: clientIpSource(), unknown_requests: unknownClientIpRequests() },
    last_prune: retention?.last_prune ?? null,
    metrics: retention ? scopedMetrics(retention.metrics, projectIds) : null,
    ingest: ingest && ingestSummary(ingest),
  };
}

/**
 * The deployment's ingest health over the last 24 hours (docs/operations.md → Ingest health):
 * events accepted, refused or dropped in all (every project and unknown keys), and by outcome.
 */
function ingestSummary(totals: Awaited<ReturnType<typeof deploymentIngestTotals>>) {
  const byOutcome = Object.fromEntries(totals.map((t) => [t.outcome, t.events]));
  const accepted = byOutcome.accepted ?? 0;
  return {
    window_hours: 24,
    accepted,
    refused: totals.reduce((n, t) => n + t.events, 0) - accepted,
    by_outcome: byOutcome,
  };
}

function scopedMetrics(metrics: StorageMetrics, projectIds: readonly string[] | undefined) {
  const { oldest_event_by_project: perProject, ...aggregate } = metrics;
  if (!projectIds) return aggregate;
  const visible = new Set(projectIds);
  return {
    ...aggregate,
    oldest_event_by_project: perProject.filter((p) => visible.has(p.project_id)),
  };
}
