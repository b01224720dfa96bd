import { eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { projects } from "@/lib/db/schema";

const batchSize = 10_000;
const maxBatches = 100_000;

/**
 * Deletes a project, its keys and members (FK cascade), then its logs in bounded batches: logs
 * have no FK (see lib/db/schema/logs.ts), and one statement over millions of rows would hold a
 * long transaction. The project row goes first so its keys stop accepting events.
 * Returns the number of log rows deleted.
 */
export async function deleteProject(db: Db, projectId: string): Promise<number> {
  await db.delete(projects).where(eq(projects.id, projectId));
  return deleteProjectLogs(db, projectId);
}

export async function deleteProjectLogs(db: Db, projectId: string): Promise<number> {
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`with gone as (
            delete from logs where id in (
              select id from logs where project_id = ${projectId} limit ${batchSize}
            ) returning 1
          ) select count(*)::int as n from gone`,
    );
    const n = Number(row?.n ?? 0);
    total += n;
    if (n < batchSize) break;
  }
  return total;
}
