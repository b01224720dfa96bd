import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sourcemapsRoute from "@/app/api/v1/projects/[projectId]/sourcemaps/route";
import { createAdminToken } from "@/lib/auth/admin-tokens";
import { sourcemapBundles } from "@/lib/db/schema";
import { sourcemapLimits } from "@/lib/sourcemaps/limits";
import { backends } from "../../support/db";
import { hostRoutes, type RouteHost } from "../../support/route-host";
import { seedProject } from "../../support/seed";
import { useTestDatabase } from "../../support/use-database";
import { buildApp } from "./sourcemap-app";

// POST /api/v1/projects/{id}/sourcemaps (multipart `file` parts, admin token) and its GET list
// (issue 20 §1, for those who use neither sentry-cli nor the CLI).

describe.each(backends())("POST /api/v1/projects/{id}/sourcemaps (%s)", (backend) => {
  const database = useTestDatabase(backend);
  let host: RouteHost;
  let admin: string;
  let viewer: string;

  beforeAll(async () => {
    ({ token: admin } = await createAdminToken(database.db, { name: "ci" }, "cli"));
    ({ token: viewer } = await createAdminToken(database.db, { name: "v", role: "viewer" }, "cli"));
    host = await hostRoutes(database, [
      { path: /^\/api\/v1\/projects\/(?<projectId>[^/]+)\/sourcemaps$/, methods: sourcemapsRoute },
    ]);
  });
  afterAll(async () => {
    await host?.close();
  });

  const post = (projectId: string, body: BodyInit, token = admin, headers = {}) =>
    fetch(`${host.url}/api/v1/projects/${projectId}/sourcemaps`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, ...headers },
      body,
    });

  async function appForm(release: string) {
    const app = await buildApp();
    const form = new FormData();
    form.set("release", release);
    form.set("url_prefix", "~/static/js");
    for (const name of [app.scriptName, `${app.scriptName}.map`]) {
      form.append("file", new Blob([readFileSync(path.join(app.dir, name))]), name);
    }
    return { app, form };
  }

  it("stores a release's files (201), once (200 the second time), and lists them", async () => {
    const project = await seedProject(database.db);
    const { app, form } = await appForm("web@5");
    const first = await post(project.id, form);
    expect(first.status).toBe(201);
    const body = await first.json();
    expect(body).toMatchObject({ stored: true, upload: { release: "web@5", file_count: 2 } });
    expect(body.upload.files).toEqual([
      `~/static/js/${app.scriptName}`,
      `~/static/js/${app.scriptName}.map`,
    ]);
    const again = await post(project.id, form);
    expect(again.status).toBe(200);
    expect((await again.json()).stored).toBe(false);
    const list = await fetch(`${host.url}/api/v1/projects/${project.id}/sourcemaps`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect((await list.json()).uploads).toHaveLength(1);
  });

  it("refuses viewers (403), other bodies (415), nothing to store (400), a full project (413)", async () => {
    const project = await seedProject(database.db);
    const { form } = await appForm("web@6");
    expect((await post(project.id, form, viewer)).status).toBe(403);
    expect(
      (await post(project.id, "{}", admin, { "content-type": "application/json" })).status,
    ).toBe(415);
    const empty = new FormData();
    empty.append("file", new Blob(["hello"]), "README.md");
    const nothing = await post(project.id, empty);
    expect([nothing.status, (await nothing.json()).error]).toEqual([400, "invalid_request"]);
    await database.db.insert(sourcemapBundles).values({
      projectId: project.id,
      checksum: "f".repeat(40),
      fileCount: 1,
      size: sourcemapLimits.projectBytes,
      storedSize: 1,
    });
    const full = await post(project.id, form);
    expect(full.status).toBe(413);
    expect((await full.json()).message).toContain("Delete old uploads");
    expect((await post("00000000-0000-7000-8000-000000000000", form)).status).toBe(404);
  });
});
