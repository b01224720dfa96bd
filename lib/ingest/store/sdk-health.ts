import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { clientDrops, releaseSessions } from "@/lib/db/schema";
import type { SdkHealth } from "@/lib/ingest/decode/sentry/sdk-health";

// Release health and client drops, added to their day's counters in one transaction: a
// report is counted whole or not at all. Written before the request's events, so a failure
// here stores nothing; once the events are committed the answer is a 200 (docs/api.md).

export async function addSdkHealth(db: Db, projectId: string, health: SdkHealth): Promise<void> {
  if (health.sessions.length === 0 && health.drops.length === 0) return;
  await db.transaction(async (tx) => {
    if (health.sessions.length > 0) {
      await tx
        .insert(releaseSessions)
        .values(health.sessions.map((s) => ({ projectId, ...s })))
        .onConflictDoUpdate({
          target: [
            releaseSessions.projectId,
            releaseSessions.day,
            releaseSessions.release,
            releaseSessions.environment,
          ],
          set: {
            started: sql`${releaseSessions.started} + excluded.started`,
            errored: sql`${releaseSessions.errored} + excluded.errored`,
            crashed: sql`${releaseSessions.crashed} + excluded.crashed`,
            abnormal: sql`${releaseSessions.abnormal} + excluded.abnormal`,
          },
        });
    }
    if (health.drops.length > 0) {
      await tx
        .insert(clientDrops)
        .values(health.drops.map((d) => ({ projectId, ...d })))
        .onConflictDoUpdate({
          target: [
            clientDrops.projectId,
            clientDrops.day,
            clientDrops.reason,
            clientDrops.category,
          ],
          set: { quantity: sql`${clientDrops.quantity} + excluded.quantity` },
        });
    }
  });
}
