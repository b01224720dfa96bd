import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminToken } from "@/lib/auth/admin-tokens";
import { openDatabase } from "@/lib/db/open";
import { createProject } from "@/lib/projects/create-project";
import { startServer, type TestServer } from "../../support/server";
import { type CastServer, startCastServer } from "../auth/fixtures";

describe("GET /api/health on npm start (embedded PGlite)", () => {
  let server: TestServer;
  let dataDir: string;
  let token: string;
  let projectId: string;
  beforeAll(async () => {
    // Seeded before start: the running server holds the PGlite folder's lock.
    dataDir = mkdtempSync(path.join(tmpdir(), "logwell-health-"));
    const database = await openDatabase({ dataDir: path.join(dataDir, "pglite") });
    try {
      projectId = (await createProject(database.db, { name: "web" })).project.id;
      token = (await createAdminToken(database.db, { name: "ops", role: "viewer" }, "cli")).token;
    } finally {
      await database.close();
    }
    server = await startServer({ dataDir });
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("reports ok with the database up, aggregates only for anonymous callers", async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: "ok", db: "ok", version: expect.any(String) });
    expect(body.uptime_seconds).toBeGreaterThanOrEqual(0);
    expect(body.metrics).toMatchObject({ projects: 1, events_today: 0 });
    expect(JSON.stringify(body)).not.toContain(projectId);
  });

  it("adds per-project storage facts for an admin token", async () => {
    const res = await fetch(`${server.url}/api/health`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.metrics.oldest_event_by_project).toEqual([
      { project_id: projectId, oldest_received_at: null },
    ]);
  });

  it("answers the public view when the bearer is not a valid admin token", async () => {
    const res = await fetch(`${server.url}/api/health`, {
      headers: { authorization: "Bearer lw_pub_notatokennotatokennotatoken" },
    });
    expect(res.status).toBe(200);
    expect((await res.json()).metrics).not.toHaveProperty("oldest_event_by_project");
  });
});

describe("GET /api/health per-project facts are scoped to what the caller may see", () => {
  let api: CastServer;
  beforeAll(async () => {
    api = await startCastServer("pglite");
  });
  afterAll(async () => {
    await api?.cleanup();
  });

  const listed = async (headers: Record<string, string>) => {
    const body = await (await fetch(`${api.server.url}/api/health`, { headers })).json();
    return (body.metrics.oldest_event_by_project as { project_id: string }[] | undefined)
      ?.map((p) => p.project_id)
      .sort();
  };

  it("a viewer sees only the projects they are a member of; admins and tokens see all", async () => {
    const { projectA, projectB } = api.seeded;
    expect(await listed({ cookie: api.cookies.viewer })).toEqual([projectA]);
    expect(await listed({ cookie: api.cookies.admin })).toEqual([projectA, projectB].sort());
    expect(await listed({ authorization: `Bearer ${api.seeded.tokens.viewer}` })).toEqual(
      [projectA, projectB].sort(),
    );
    expect(await listed({})).toBeUndefined();
  });

  it("says where client addresses come from (the npm start server: the connection)", async () => {
    const body = await (await fetch(`${api.server.url}/api/health`)).json();
    expect(body.client_ip).toEqual({ source: "socket", unknown_requests: 0 });
  });
});
