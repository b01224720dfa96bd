import { beforeAll, describe, expect, it } from "vitest";
import { prune, readLastPrune } from "@/lib/retention";
import { backends, type TestDatabase } from "../../support/db";
import { useTestDatabase } from "../../support/use-database";
import { day, insertEvents, messagesOf, newProject, second } from "./fixtures";

// A zero budget still runs one batch per run: the smallest step that always makes progress.
const now = new Date("2026-03-15T12:00:00.000Z");
const run = (db: TestDatabase["db"]) => prune({ db, now, budgetMs: 0, batchSize: 10 });

describe.each(backends())("prune time budget on %s", (backend) => {
  const database = useTestDatabase(backend);
  let db: TestDatabase["db"];
  beforeAll(async () => {
    db = database.db;
  });

  it("TC-30: a tiny budget deletes in bounded batches and later runs resume until done", async () => {
    const project = await newProject(db, { retentionDays: 1 });
    await insertEvents(db, project.id, [
      ...Array.from({ length: 25 }, (_, i) => ({
        message: `old ${i}`,
        receivedAt: new Date(now.getTime() - 3 * day - i * second),
      })),
      { message: "recent", receivedAt: new Date(now.getTime() - 60 * second) },
    ]);
    const runs = [];
    for (let i = 0; i < 5; i++) {
      const result = await run(db);
      runs.push(result.projects.find((p) => p.id === project.id));
      if (result.done) break;
    }
    expect(runs.map((r) => r?.deleted)).toEqual([10, 10, 5]);
    expect(runs.map((r) => r?.done)).toEqual([false, false, true]);
    expect(await messagesOf(db, project.id)).toEqual(["recent"]);
    const again = await run(db);
    expect(again.projects.find((p) => p.id === project.id)?.deleted).toBe(0);
    expect(await readLastPrune(db)).toMatchObject({ at: now.toISOString(), done: true });
  });

  it("TC-30: spent budgets resume where they stopped, so no project is starved", async () => {
    const a = await newProject(db, { retentionDays: 1 });
    const b = await newProject(db, { retentionDays: 1 });
    for (const p of [a, b]) {
      await insertEvents(
        db,
        p.id,
        Array.from({ length: 15 }, (_, i) => ({
          receivedAt: new Date(now.getTime() - 2 * day - i * second),
        })),
      );
    }
    const perRun: number[] = [];
    for (let i = 0; i < 20; i++) {
      const result = await run(db);
      perRun.push(result.deleted);
      if (result.done) break;
    }
    expect(perRun.every((n) => n <= 10)).toBe(true);
    expect(perRun.reduce((x, y) => x + y, 0)).toBe(30);
    expect(await messagesOf(db, a.id)).toEqual([]);
    expect(await messagesOf(db, b.id)).toEqual([]);
  });
});
