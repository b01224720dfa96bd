import { startAlertTimer } from "@/lib/alerts/timer";
import { getDatabase } from "@/lib/db/client";
import { ensureLogPartitions } from "@/lib/db/partitions/ensure";
import { env } from "@/lib/env";
import { startOutcomeFlushTimer } from "@/lib/ingest/accounting/timer";
import { logger } from "@/lib/log";
import { startPruneTimer } from "@/lib/retention/timer";
import { curlExample, printBanner } from "./banner";
import { ensureOwnerFromEnv } from "./env-owner";
import { ensureFirstProject } from "./first-project";
import { migrateWithLock } from "./migrate";
import { issueSetupToken } from "./setup-token";

/**
 * What a Logwell server does once at start (instrumentation.ts, Node runtime): migrate a
 * self-hosted server database (which makes the coming days' partitions of logs), create the
 * first owner or print a setup token, give a new embedded database a first project, and start
 * the retention, alert and ingest-health timers off Vercel. It never throws:
 * a database that is down at start shows up in /api/health instead of a crash loop.
 */
export async function bootstrapOnStart(): Promise<void> {
  const e = env();
  // `next build` must never open the database.
  if (e.NEXT_PHASE === "phase-production-build") return;
  try {
    const database = await getDatabase();
    if (database.kind !== "pglite" && !e.VERCEL && e.LOGWELL_MIGRATE_ON_START === "true") {
      await migrateWithLock(database);
      logger.info({ driver: database.kind }, "migrations applied at start");
    } else if (database.kind !== "pglite" && !e.VERCEL) {
      // Migrating makes the coming days' partitions of logs; without it, the start does.
      await ensureLogPartitions(database.db, new Date());
    }
    const { db } = database;
    if (e.LOGWELL_ADMIN_EMAIL && e.LOGWELL_ADMIN_PASSWORD) {
      const userId = await ensureOwnerFromEnv(db, {
        email: e.LOGWELL_ADMIN_EMAIL,
        password: e.LOGWELL_ADMIN_PASSWORD,
      });
      if (userId) logger.info({ userId }, "created the first owner from LOGWELL_ADMIN_EMAIL");
    } else {
      const token = await issueSetupToken(db);
      if (token) {
        printBanner("no user yet", [
          "Open /setup in your browser and enter this one-time setup token:",
          "",
          `  ${token}`,
          "",
          "(Or set LOGWELL_ADMIN_EMAIL and LOGWELL_ADMIN_PASSWORD and restart.)",
        ]);
      }
    }
    if (database.kind === "pglite") {
      const first = await ensureFirstProject(db);
      if (first) {
        printBanner('created project "My app"', [
          `Ingest key (public, for your client apps): ${first.key}`,
          "",
          "Send a first log:",
          ...curlExample(`http://localhost:${e.PORT ?? 3000}`, first.key),
        ]);
      }
    }
  } catch (err) {
    logger.error({ err }, "start-up bootstrap failed; the server runs, see /api/health");
  }
  if (!e.VERCEL && e.LOGWELL_PRUNE_INTERVAL_MINUTES > 0) {
    const intervalMs = e.LOGWELL_PRUNE_INTERVAL_MINUTES * 60_000;
    startPruneTimer(async () => (await getDatabase()).db, {
      intervalMs,
      firstRunAfterMs: Math.min(intervalMs, 60_000),
    });
  }
  if (!e.VERCEL) {
    startOutcomeFlushTimer(
      async () => (await getDatabase()).db,
      e.LOGWELL_INGEST_HEALTH_FLUSH_SECONDS * 1000,
    );
  }
  if (!e.VERCEL && e.LOGWELL_ALERTS_INTERVAL_SECONDS > 0) {
    startAlertTimer(async () => (await getDatabase()).db, e.LOGWELL_ALERTS_INTERVAL_SECONDS * 1000);
  }
}
