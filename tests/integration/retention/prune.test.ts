import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { previewPrune, prune } from "@/lib/retention";
import { backends, type TestDatabase } from "../../support/db";
import { useTestDatabase } from "../../support/use-database";
import { countOf, day, insertEvents, messagesOf, newProject, second } from "./fixtures";

// A fixed clock: retention is measured against `now`, never the wall clock or client clocks.
const now = new Date("2026-03-15T12:00:00.000Z");
const run = (db: TestDatabase["db"], extra: { budgetMs?: number; batchSize?: number } = {}) =>
  prune({ db, now, budgetMs: extra.budgetMs ?? 60_000, batchSize: extra.batchSize ?? 1000 });

describe.each(backends())("prune on %s", (backend) => {
  const database = useTestDatabase(backend);
  let db: TestDatabase["db"];
  beforeAll(async () => {
    db = database.db;
  });

  it("TC-28: deletes only events received before the cutoff (boundary ± 1 s), ignoring client timestamps", async () => {
    const project = await newProject(db, { retentionDays: 7 });
    const cutoff = now.getTime() - 7 * day;
    await insertEvents(db, project.id, [
      { message: "before cutoff", receivedAt: new Date(cutoff - second) },
      { message: "at cutoff", receivedAt: new Date(cutoff) },
      { message: "after cutoff", receivedAt: new Date(cutoff + second) },
      // A client clock in the future must not keep an expired event forever...
      {
        message: "expired, client says 2999",
        receivedAt: new Date(cutoff - day),
        timestamp: new Date("2999-01-01T00:00:00Z"),
      },
      // ...and one in 1970 must not purge a fresh event at once.
      {
        message: "fresh, client says 1970",
        receivedAt: new Date(now.getTime() - second),
        timestamp: new Date(0),
      },
    ]);
    const result = await run(db);
    const mine = result.projects.find((p) => p.id === project.id);
    expect(mine).toEqual({
      id: project.id,
      name: project.name,
      deleted: 2,
      cutoff: new Date(cutoff).toISOString(),
      done: true,
    });
    expect(await messagesOf(db, project.id)).toEqual([
      "after cutoff",
      "at cutoff",
      "fresh, client says 1970",
    ]);
    expect(result.done).toBe(true);
  });

  it("guards the cutoff against zero and negative retention (never purges fresh events)", async () => {
    const zero = await newProject(db, { retentionDays: 0 });
    const negative = await newProject(db, { retentionDays: -5 });
    for (const p of [zero, negative]) {
      await insertEvents(db, p.id, [
        { message: "an hour old", receivedAt: new Date(now.getTime() - 3600 * second) },
        { message: "two days old", receivedAt: new Date(now.getTime() - 2 * day) },
      ]);
    }
    const result = await run(db);
    for (const p of [zero, negative]) {
      expect(await messagesOf(db, p.id)).toEqual(["an hour old"]);
      expect(result.projects.find((r) => r.id === p.id)?.cutoff).toBe(
        new Date(now.getTime() - day).toISOString(),
      );
    }
  });

  it("applies the max_events cap, oldest first, and previewPrune predicts it", async () => {
    const project = await newProject(db, { retentionDays: 30, maxEvents: 3 });
    await insertEvents(
      db,
      project.id,
      Array.from({ length: 6 }, (_, i) => ({
        message: `e${i}`,
        receivedAt: new Date(now.getTime() - (6 - i) * 60 * second),
      })),
    );
    await insertEvents(db, project.id, [
      { message: "expired", receivedAt: new Date(now.getTime() - 31 * day) },
    ]);
    expect(await previewPrune(db, project.id, now)).toEqual({
      cutoff: new Date(now.getTime() - 30 * day),
      expired: 1,
      overCap: 3,
      events: 4,
    });
    const result = await run(db, { batchSize: 2 });
    expect(result.projects.find((p) => p.id === project.id)).toMatchObject({
      deleted: 4,
      done: true,
    });
    expect(await messagesOf(db, project.id)).toEqual(["e3", "e4", "e5"]);
    expect(await previewPrune(db, project.id, now)).toMatchObject({ events: 0 });
    expect(await previewPrune(db, randomUUID(), now)).toBeNull();
  });

  it("deletes events whose project no longer exists", async () => {
    const ghost = randomUUID();
    await insertEvents(db, ghost, [
      { message: "orphan 1", receivedAt: new Date(now.getTime() - second) },
      { message: "orphan 2", receivedAt: new Date(now.getTime() - second) },
    ]);
    const preview = await prune({ db, now, budgetMs: 60_000, batchSize: 1, dryRun: true });
    expect(preview.orphans.deleted).toBe(2);
    expect(await countOf(db, ghost)).toBe(2);
    const result = await run(db, { batchSize: 1 });
    expect(result.orphans).toEqual({ deleted: 2, done: true });
    expect(await countOf(db, ghost)).toBe(0);
  });

  it("dry run counts what would go and deletes nothing", async () => {
    const project = await newProject(db, { retentionDays: 2 });
    await insertEvents(db, project.id, [
      { message: "old", receivedAt: new Date(now.getTime() - 3 * day) },
      { message: "new", receivedAt: new Date(now.getTime() - day) },
    ]);
    const result = await prune({ db, now, budgetMs: 60_000, batchSize: 10, dryRun: true });
    expect(result.dryRun).toBe(true);
    expect(result.projects.find((p) => p.id === project.id)?.deleted).toBe(1);
    expect(await countOf(db, project.id)).toBe(2);
  });
});
