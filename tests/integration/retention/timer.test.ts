import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPruneTimer } from "@/lib/retention/timer";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { countOf, day, insertEvents, newProject } from "./fixtures";

describe("the self-hosted prune timer", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("pglite");
  });
  afterAll(async () => {
    await database?.close();
  });

  it("starts once per process, prunes on its schedule and stops cleanly", async () => {
    const { db } = database;
    const project = await newProject(db, { retentionDays: 1 });
    await insertEvents(db, project.id, [{ receivedAt: new Date(Date.now() - 3 * day) }]);
    const timer = startPruneTimer(async () => db, { intervalMs: 20, firstRunAfterMs: 0 });
    // A second start (hot reload, a second register()) gets the same timer, not another one.
    expect(startPruneTimer(async () => db, { intervalMs: 20, firstRunAfterMs: 0 })).toBe(timer);
    for (let i = 0; i < 200 && (await countOf(db, project.id)) > 0; i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(await countOf(db, project.id)).toBe(0);
    timer.stop();
    // Stopped: a new start creates a fresh timer.
    const next = startPruneTimer(async () => db, { intervalMs: 60_000, firstRunAfterMs: 60_000 });
    expect(next).not.toBe(timer);
    next.stop();
  });
});
