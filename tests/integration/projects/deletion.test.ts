// Deleting a big project (issue 17, item 7): the project goes at once, its logs in bounded steps
// (never one long transaction), and what is left goes in the background or at the next prune,
// with progress to show meanwhile.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { projects } from "@/lib/db/schema";
import { createProject } from "@/lib/projects/create-project";
import {
  continueProjectDeletions,
  deleteProject,
  deleteProjectLogs,
  listProjectDeletions,
} from "@/lib/projects/delete-project";
import { prune } from "@/lib/retention/prune";
import { backends } from "../../support/db";
import { useTestDatabase } from "../../support/use-database";

async function seedLogs(db: Db, projectId: string, n: number) {
  await db.execute(sql`insert into logs (project_id, level, message)
    select ${projectId}::uuid, 30, 'm' || g from generate_series(1, ${n}) g`);
}
const countLogs = async (db: Db, projectId: string) =>
  Number(
    (
      await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from logs where project_id = ${projectId}`,
      )
    )[0]?.n,
  );

describe.each(backends())("project deletion on %s", (backend) => {
  const database = useTestDatabase(backend);

  it("a project past the budget is gone at once, shows progress, and finishes in the background", async () => {
    const db = database.db;
    const big = await createProject(db, { name: "Big shop" });
    const kept = await createProject(db, { name: "Kept" });
    await seedLogs(db, big.project.id, 25_000);
    await seedLogs(db, kept.project.id, 5);

    // A zero budget still deletes one batch, then stops.
    const first = await deleteProject(db, big.project.id, { budgetMs: 0 });
    expect(first).toEqual({ deletedLogs: 10_000, done: false });
    expect(await db.select().from(projects).where(eq(projects.id, big.project.id))).toEqual([]);
    expect(await listProjectDeletions(db)).toEqual([
      expect.objectContaining({ projectId: big.project.id, name: "Big shop", remaining: 15_000 }),
    ]);

    expect(await continueProjectDeletions(db, 60_000)).toBe(true);
    expect(await countLogs(db, big.project.id)).toBe(0);
    expect(await countLogs(db, kept.project.id)).toBe(5);
    expect(await listProjectDeletions(db)).toEqual([]);
  });

  it("a step never deletes more than one batch per statement, and stops at the budget", async () => {
    const db = database.db;
    const p = await createProject(db, { name: "Steps" });
    await seedLogs(db, p.project.id, 35);
    expect(await deleteProjectLogs(db, p.project.id, 0, 10)).toEqual({
      deletedLogs: 10,
      done: false,
    });
    expect(await deleteProjectLogs(db, p.project.id, 60_000, 10)).toEqual({
      deletedLogs: 25,
      done: true,
    });
  });

  it("a prune's orphan pass finishes what the background did not, and progress forgets it", async () => {
    const db = database.db;
    const p = await createProject(db, { name: "Left for prune" });
    await seedLogs(db, p.project.id, 12_000);
    await deleteProject(db, p.project.id, { budgetMs: 0 });
    expect((await listProjectDeletions(db)).map((d) => d.projectId)).toContain(p.project.id);
    const result = await prune({ db, now: new Date(), budgetMs: 60_000, batchSize: 5_000 });
    expect(result.orphans.deleted).toBeGreaterThanOrEqual(2_000);
    expect(await countLogs(db, p.project.id)).toBe(0);
    expect((await listProjectDeletions(db)).map((d) => d.projectId)).not.toContain(p.project.id);
  });
});
