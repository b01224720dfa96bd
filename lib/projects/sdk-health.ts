import { and, desc, eq, gte, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { clientDrops, releaseSessions } from "@/lib/db/schema";

// What the project's health page shows: crash-free sessions per release and what the clients
// dropped before sending, over the last `days` UTC days. Bounded reads: at most `limit` rows.

const limit = 50;

function since(days: number, now: Date): string {
  return new Date(now.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
}

export async function releaseHealth(db: Db, projectId: string, days = 30, now = new Date()) {
  const started = sql<number>`sum(${releaseSessions.started})::float8`;
  const rows = await db
    .select({
      release: releaseSessions.release,
      started,
      errored: sql<number>`sum(${releaseSessions.errored})::float8`,
      crashed: sql<number>`sum(${releaseSessions.crashed})::float8`,
      abnormal: sql<number>`sum(${releaseSessions.abnormal})::float8`,
      lastDay: sql<string>`max(${releaseSessions.day})::text`,
    })
    .from(releaseSessions)
    .where(
      and(eq(releaseSessions.projectId, projectId), gte(releaseSessions.day, since(days, now))),
    )
    .groupBy(releaseSessions.release)
    .orderBy(desc(sql`max(${releaseSessions.day})`), desc(started))
    .limit(limit);
  // float8 sums arrive as numbers on every driver.
  return rows.map((r) => ({
    ...r,
    // Sentry's definition: the share of sessions that did not crash.
    crashFree: r.started > 0 ? 1 - Math.min(1, r.crashed / r.started) : null,
  }));
}

export async function clientDropTotals(db: Db, projectId: string, days = 30, now = new Date()) {
  const quantity = sql<number>`sum(${clientDrops.quantity})::float8`;
  const rows = await db
    .select({ reason: clientDrops.reason, category: clientDrops.category, quantity })
    .from(clientDrops)
    .where(and(eq(clientDrops.projectId, projectId), gte(clientDrops.day, since(days, now))))
    .groupBy(clientDrops.reason, clientDrops.category)
    .orderBy(desc(quantity))
    .limit(limit);
  return rows;
}
