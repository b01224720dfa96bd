import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "@/lib/db/open";
import { projects } from "@/lib/db/schema";
import { createProject } from "@/lib/projects/create-project";
import { expectConserved } from "../../support/conservation";
import { backends, createServerDatabase, dropServerDatabase } from "../../support/db";
import { runLoad } from "../../support/load";
import { startServer, type TestServer } from "../../support/server";

// TC-21: bounded concurrent load through `npm start`'s server; every acknowledged event is stored, once.
describe.each(backends())("TC-21 HTTP conservation under load on %s", (backend) => {
  let server: TestServer;
  let projectId: string;
  let key: string;
  let reopen: () => Promise<Database>;
  let cleanup = async () => {};

  async function seedProject(database: Database) {
    const created = await createProject(database.db, { name: "conservation" });
    // Load from one loopback IP would otherwise meet the 120 requests/minute per-IP default.
    await database.db
      .update(projects)
      .set({ rateLimitPerIpPerMinute: 1_000_000_000, rateLimitEventsPerMinute: 1_000_000_000 })
      .where(eq(projects.id, created.project.id));
    projectId = created.project.id;
    key = created.key;
    await database.close();
  }

  beforeAll(async () => {
    if (backend === "pglite") {
      const dataDir = mkdtempSync(path.join(tmpdir(), "logwell-conservation-"));
      const pgliteDir = path.join(dataDir, "pglite");
      await seedProject(await openDatabase({ dataDir: pgliteDir }));
      server = await startServer({ dataDir });
      // PGlite has one owner at a time: the check reopens the folder once the server stopped.
      reopen = async () => {
        await server.stop();
        return openDatabase({ dataDir: pgliteDir });
      };
      cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
    } else {
      const url = await createServerDatabase();
      await seedProject(await openDatabase({ url, driver: "pg", migrate: true }));
      server = await startServer({ env: { DATABASE_URL: url } });
      reopen = () => openDatabase({ url, driver: "pg" });
      cleanup = () => dropServerDatabase(url);
    }
  });

  afterAll(async () => {
    await server?.stop();
    await cleanup();
  });

  it("TC-21: a few hundred concurrent batches → acked ids missing = 0, duplicates = 0", async () => {
    const result = await runLoad({
      url: server.url,
      key,
      connections: 16,
      batchSize: 10,
      maxBatches: 400,
      durationMs: 4_000,
    });
    expect(result.statusCounts).toEqual({ "202": result.attempts.length });
    expect(result.batches.length).toBeGreaterThanOrEqual(50);

    const report = await expectConserved(reopen, projectId, result);
    expect(report.storedRows).toBe(result.batches.length * 10);
  });
});
