import { Client } from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { prune } from "@/lib/retention";
import { backends, type TestDatabase } from "../../support/db";
import { useTestDatabase } from "../../support/use-database";
import { countOf, day, insertEvents, messagesOf, newProject, second } from "./fixtures";

const now = new Date("2026-03-15T12:00:00.000Z");

describe.each(backends())("prune under concurrency on %s", (backend) => {
  const database = useTestDatabase(backend);
  let db: TestDatabase["db"];
  beforeAll(async () => {
    db = database.db;
  });

  it("TC-30: two overlapping prunes delete exactly the expired events, once", async () => {
    const project = await newProject(db, { retentionDays: 7 });
    const expired = 1500;
    await insertEvents(
      db,
      project.id,
      Array.from({ length: expired }, (_, i) => ({
        receivedAt: new Date(now.getTime() - 8 * day - i * second),
      })),
    );
    await insertEvents(db, project.id, [
      { message: "kept", receivedAt: new Date(now.getTime() - day) },
    ]);
    const options = { db, now, budgetMs: 60_000, batchSize: 100 };
    const results = await Promise.all([prune(options), prune(options)]);
    const deleted = results.map((r) => r.projects.find((p) => p.id === project.id)?.deleted ?? 0);
    expect(deleted.reduce((x, y) => x + y, 0)).toBe(expired);
    // In one process (PGlite) the second call finds the lock taken before the first yields.
    if (backend === "pglite") expect(results.filter((r) => r.skipped === "locked")).toHaveLength(1);
    // Whichever run lost the lock says so instead of deleting.
    for (const r of results)
      if (r.skipped) expect(r).toMatchObject({ deleted: 0, done: false, skipped: "locked" });
    expect(await messagesOf(db, project.id)).toEqual(["kept"]);
    const repeat = await prune(options);
    expect(repeat.projects.find((p) => p.id === project.id)?.deleted).toBe(0);
  });

  if (backend === "postgres") {
    it("TC-30: a prune that cannot get the lock deletes nothing and says so", async () => {
      const project = await newProject(db, { retentionDays: 1 });
      await insertEvents(db, project.id, [{ receivedAt: new Date(now.getTime() - 3 * day) }]);
      // Another process (say, a duplicate cron delivery) holds the prune lock.
      const other = new Client({ connectionString: database.url });
      await other.connect();
      try {
        await other.query("select pg_advisory_lock(hashtext('logwell:prune'))");
        const blocked = await prune({ db, now, budgetMs: 60_000, batchSize: 100 });
        expect(blocked).toMatchObject({ deleted: 0, done: false, skipped: "locked" });
        expect(await countOf(db, project.id)).toBe(1);
        await other.query("select pg_advisory_unlock(hashtext('logwell:prune'))");
        const free = await prune({ db, now, budgetMs: 60_000, batchSize: 100 });
        expect(free.skipped).toBeUndefined();
        expect(await countOf(db, project.id)).toBe(0);
      } finally {
        await other.end();
      }
    });
  }

  it("loses no event ingested while a prune runs", async () => {
    const project = await newProject(db, { retentionDays: 7 });
    const expired = 2000;
    await insertEvents(
      db,
      project.id,
      Array.from({ length: expired }, (_, i) => ({
        message: `old ${i}`,
        receivedAt: new Date(now.getTime() - 10 * day - i),
      })),
    );
    let pruneFinished = false;
    const pruning = prune({ db, now, budgetMs: 60_000, batchSize: 50 }).finally(() => {
      pruneFinished = true;
    });
    // Keep inserting fresh batches (received "now" by the database) until the prune is over.
    let inserted = 0;
    for (let batch = 0; batch < 200 && (!pruneFinished || batch < 5); batch++) {
      await insertEvents(
        db,
        project.id,
        Array.from({ length: 10 }, (_, i) => ({
          message: `live ${batch}-${i}`,
          receivedAt: new Date(),
        })),
      );
      inserted += 10;
    }
    const result = await pruning;
    expect(result.projects.find((p) => p.id === project.id)?.deleted).toBe(expired);
    expect(await countOf(db, project.id)).toBe(inserted);
    expect((await messagesOf(db, project.id)).every((m) => m.startsWith("live "))).toBe(true);
  });
});
