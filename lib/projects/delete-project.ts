import { eq, like, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { appState, projects } from "@/lib/db/schema";

// Deleting a project that holds millions of events must not hold one long transaction or run
// past a request's time limit. The project row (and with it its keys and memberships) goes at
// once, so nothing more is accepted or shown; its logs (no FK: lib/db/schema/logs.ts) are then
// deleted in batches, as long as the request's budget allows, then in the background (after()),
// and by every prune's orphan pass as the safety net. A progress row in app_state says what is
// left, for the projects page.

const batchSize = 10_000;
const progressKey = (projectId: string) => `project_deletion:${projectId}`;
// Counting what is left is capped, so a progress read stays cheap on any project size.
const remainingCountCap = 1_000_000;

interface DeletionProgress {
  name: string;
  startedAt: string;
}

export interface DeletionResult {
  deletedLogs: number;
  /** False while logs remain: they go in the background and at the next prune. */
  done: boolean;
}

/** Removes the project now, then its logs for at most `budgetMs` (at least one batch). */
export async function deleteProject(
  db: Db,
  projectId: string,
  { budgetMs = 10_000 }: { budgetMs?: number } = {},
): Promise<DeletionResult> {
  await db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(projects)
      .where(eq(projects.id, projectId))
      .returning({ name: projects.name });
    if (!gone) return;
    const progress: DeletionProgress = { name: gone.name, startedAt: new Date().toISOString() };
    await tx
      .insert(appState)
      .values({ key: progressKey(projectId), value: progress })
      .onConflictDoNothing();
  });
  return deleteProjectLogs(db, projectId, budgetMs);
}

/** Deletes the project's logs in batches until none are left or the budget is spent. */
export async function deleteProjectLogs(
  db: Db,
  projectId: string,
  budgetMs: number,
  size = batchSize,
): Promise<DeletionResult> {
  const deadline = performance.now() + budgetMs;
  let deletedLogs = 0;
  do {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`with gone as (
            delete from logs where id in (
              select id from logs where project_id = ${projectId} limit ${size}
            ) returning 1
          ) select count(*)::int as n from gone`,
    );
    const n = Number(row?.n ?? 0);
    deletedLogs += n;
    if (n < size) {
      await db.delete(appState).where(eq(appState.key, progressKey(projectId)));
      return { deletedLogs, done: true };
    }
  } while (performance.now() < deadline);
  return { deletedLogs, done: false };
}

/** The project's stored events, counted up to a cap so the count stays cheap at any size. */
export async function projectEventCount(db: Db, projectId: string) {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (
          select 1 from logs where project_id = ${projectId} limit ${remainingCountCap}
        ) t`,
  );
  const count = Number(row?.n ?? 0);
  return { count, capped: count >= remainingCountCap };
}

/**
 * Deletions still under way, with about how many events are left (capped count). One whose logs
 * are all gone (a prune's orphan pass finished it) is forgotten here.
 */
export async function listProjectDeletions(db: Db) {
  const rows = await db
    .select({ key: appState.key, value: appState.value })
    .from(appState)
    .where(like(appState.key, "project_deletion:%"));
  const listed = await Promise.all(
    rows.map(async (row) => {
      const projectId = row.key.slice("project_deletion:".length);
      const left = await projectEventCount(db, projectId);
      return {
        projectId,
        ...(row.value as DeletionProgress),
        remaining: left.count,
        remainingIsCapped: left.capped,
      };
    }),
  );
  for (const finished of listed.filter((d) => d.remaining === 0)) {
    await db.delete(appState).where(eq(appState.key, progressKey(finished.projectId)));
  }
  return listed.filter((d) => d.remaining > 0);
}

/** Continues every unfinished deletion within the budget; the background step and prune use it. */
export async function continueProjectDeletions(db: Db, budgetMs: number): Promise<boolean> {
  const deadline = performance.now() + budgetMs;
  const rows = await db
    .select({ key: appState.key })
    .from(appState)
    .where(like(appState.key, "project_deletion:%"));
  for (const row of rows) {
    const left = deadline - performance.now();
    if (left <= 0) return false;
    const projectId = row.key.slice("project_deletion:".length);
    const result = await deleteProjectLogs(db, projectId, left);
    if (!result.done) return false;
  }
  return true;
}
