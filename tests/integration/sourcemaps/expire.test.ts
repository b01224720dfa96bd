import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sourcemapBundles, sourcemapChunks, sourcemapFiles } from "@/lib/db/schema";
import { prune } from "@/lib/retention/prune";
import { backends } from "../../support/db";
import { seedProject } from "../../support/seed";
import { useTestDatabase } from "../../support/use-database";

// Issue 20 §1: unused uploads expire with the prune (90 days since a stack was last mapped with
// them), their files with them; chunks never assembled go after a day. Fixed clock.

describe.each(backends())("source map expiry in the prune (%s)", (backend) => {
  const database = useTestDatabase(backend);
  const day = 24 * 60 * 60 * 1000;

  it("deletes uploads unused for 90 days and stale chunks, keeps the rest", async () => {
    const db = database.db;
    const now = new Date("2026-12-07T12:00:00Z");
    const project = await seedProject(db);
    const bundle = (checksum: string, lastUsedAt: Date) => ({
      projectId: project.id,
      checksum,
      fileCount: 1,
      size: 3,
      storedSize: 3,
      lastUsedAt,
    });
    const [old, recent] = await db
      .insert(sourcemapBundles)
      .values([
        bundle("a".repeat(40), new Date(now.getTime() - 91 * day)),
        bundle("b".repeat(40), new Date(now.getTime() - 89 * day)),
      ])
      .returning({ id: sourcemapBundles.id });
    for (const b of [old, recent]) {
      await db.insert(sourcemapFiles).values({
        bundleId: b?.id ?? "",
        projectId: project.id,
        kind: "source_map",
        size: 3,
        content: new Uint8Array([1, 2, 3]),
      });
    }
    await db.insert(sourcemapChunks).values([
      {
        checksum: "c".repeat(40),
        data: new Uint8Array([1]),
        size: 1,
        createdAt: new Date(now.getTime() - 2 * day),
      },
      {
        checksum: "d".repeat(40),
        data: new Uint8Array([2]),
        size: 1,
        createdAt: new Date(now.getTime() - 60_000),
      },
    ]);
    const result = await prune({ db, now, budgetMs: 5_000, batchSize: 1000 });
    expect(result.sourcemaps).toEqual({ uploads: 1, chunks: 1 });
    const left = await db.select({ id: sourcemapBundles.id }).from(sourcemapBundles);
    expect(left).toEqual([{ id: recent?.id }]);
    expect(
      await db
        .select()
        .from(sourcemapFiles)
        .where(eq(sourcemapFiles.bundleId, old?.id ?? "")),
    ).toEqual([]);
    const chunks = await db.select({ checksum: sourcemapChunks.checksum }).from(sourcemapChunks);
    expect(chunks).toEqual([{ checksum: "d".repeat(40) }]);
    // Stored bytes come back as they went in, whatever the driver.
    const [file] = await db.select({ content: sourcemapFiles.content }).from(sourcemapFiles);
    expect([...(file?.content ?? [])]).toEqual([1, 2, 3]);
  });
});
