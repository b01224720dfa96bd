import { describe, expect, it } from "vitest";
import { prune } from "@/lib/retention";
import { retentionHealth, storageMetrics } from "@/lib/retention/health";
import { backends } from "../../support/db";
import { useTestDatabase } from "../../support/use-database";
import { day, insertEvents, newProject } from "./fixtures";

const now = new Date("2026-03-15T12:00:00.000Z");

describe.each(backends())("health storage metrics on %s", (backend) => {
  const database = useTestDatabase(backend);

  it("counts today's events (UTC), the oldest event per project, and the last prune", async () => {
    const { db } = database;
    expect(await retentionHealth(db)).toMatchObject({
      last_prune: null,
      metrics: { projects: 0, events_today: 0, oldest_event_at: null, oldest_event_by_project: [] },
    });
    const a = await newProject(db);
    const b = await newProject(db);
    const midnight = new Date("2026-03-15T00:00:00.000Z");
    await insertEvents(db, a.id, [
      { receivedAt: new Date(midnight.getTime() - 1) }, // yesterday, by a millisecond
      { receivedAt: midnight },
      { receivedAt: new Date(now.getTime() - 1000) },
    ]);
    await insertEvents(db, b.id, [{ receivedAt: new Date(now.getTime() - 3 * day) }]);
    const metrics = await storageMetrics(db, now);
    expect(metrics.projects).toBe(2);
    expect(metrics.events_today).toBe(2);
    expect(metrics.oldest_event_at).toBe(new Date(now.getTime() - 3 * day).toISOString());
    expect(metrics.oldest_event_by_project).toEqual(
      expect.arrayContaining([
        { project_id: a.id, oldest_received_at: new Date(midnight.getTime() - 1).toISOString() },
        { project_id: b.id, oldest_received_at: new Date(now.getTime() - 3 * day).toISOString() },
      ]),
    );
    await prune({ db, now, budgetMs: 60_000, batchSize: 100 });
    expect((await retentionHealth(db)).last_prune).toEqual({
      at: now.toISOString(),
      deleted: 0,
      done: true,
    });
  });
});
