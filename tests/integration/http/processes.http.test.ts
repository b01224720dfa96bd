import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/open";
import { projects } from "@/lib/db/schema";
import { createProject } from "@/lib/projects/create-project";
import { processCpuMs } from "../../../scripts/bench/cpu-time";
import { expectConserved } from "../../support/conservation";
import { createServerDatabase, dropServerDatabase } from "../../support/db";
import { runLoad } from "../../support/load";
import { startServer, type TestServer } from "../../support/server";

// LOGWELL_PROCESSES (scripts/server-cluster.mjs): several server processes on one port.

describe("LOGWELL_PROCESSES refusals", () => {
  it("refuses several processes on the embedded database, saying why", async () => {
    await expect(startServer({ env: { LOGWELL_PROCESSES: "2" } })).rejects.toThrow(
      /exited with 1[\s\S]*LOGWELL_PROCESSES > 1 needs a server database/,
    );
  });

  it("refuses a value that is not a count", async () => {
    await expect(startServer({ env: { LOGWELL_PROCESSES: "two" } })).rejects.toThrow(
      /LOGWELL_PROCESSES must be a positive integer or "auto"/,
    );
  });
});

const listeningPids = (output: string) =>
  [...output.matchAll(/"msg":"logwell listening".*?"pid":(\d+)/g)].map((m) => Number(m[1]));

async function until(check: () => boolean, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Needs the server Postgres (the embedded one serves one process), so it runs where
// TEST_DATABASE_URL is set (CI); rate limits go to Redis as the docs ask for several processes.
describe.runIf(Boolean(process.env.TEST_DATABASE_URL))("two server processes on one port", () => {
  let server: TestServer;
  let url: string;
  let projectId: string;
  let key: string;

  beforeAll(async () => {
    url = await createServerDatabase();
    const database = await openDatabase({ url, driver: "pg", migrate: true });
    const created = await createProject(database.db, { name: "processes" });
    await database.db
      .update(projects)
      .set({ rateLimitPerIpPerMinute: 1_000_000_000, rateLimitEventsPerMinute: 1_000_000_000 })
      .where(eq(projects.id, created.project.id));
    await database.close();
    projectId = created.project.id;
    key = created.key;
    server = await startServer({
      env: {
        DATABASE_URL: url,
        LOGWELL_PROCESSES: "2",
        REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
      },
    });
    await until(() => new Set(listeningPids(server.output())).size === 2, "two processes");
  });

  afterAll(async () => {
    await server?.stop();
    if (url) await dropServerDatabase(url);
  });

  it("both serve ingest, and every acknowledged event is stored once", async () => {
    const pids = [...new Set(listeningPids(server.output()))];
    const cpuBefore = pids.map(processCpuMs);
    const result = await runLoad({
      url: server.url,
      key,
      connections: 8,
      batchSize: 10,
      maxBatches: 200,
      durationMs: 3_000,
    });
    expect(result.statusCounts).toEqual({ "202": result.attempts.length });
    // Connections are dealt out round-robin: each process did part of the work (an idle
    // server spends almost nothing).
    const cpuSpent = pids.map((pid, i) => processCpuMs(pid) - (cpuBefore[i] ?? 0));
    for (const ms of cpuSpent) expect(ms).toBeGreaterThan(50);
    await expectConserved(() => openDatabase({ url, driver: "pg" }), projectId, result);
  });

  it("a process that dies is replaced, and the port keeps answering meanwhile", async () => {
    const [victim] = listeningPids(server.output());
    expect(victim).toBeGreaterThan(0);
    process.kill(victim as number, "SIGKILL");
    await until(() => /server process exited; starting another/.test(server.output()), "restart");
    // The surviving process answers while the replacement starts.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    await until(() => new Set(listeningPids(server.output())).size === 3, "a third pid");
    expect(server.output()).toContain('"signal":"SIGKILL"');
  });

  it("stops every process on SIGTERM", async () => {
    const pids = [...new Set(listeningPids(server.output()))];
    await server.stop();
    const alive = pids.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(alive).toEqual([]);
  });
});
