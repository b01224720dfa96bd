import { readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sourcemapBundles, sourcemapChunks, sourcemapFiles } from "@/lib/db/schema";
import { backends } from "../../support/db";
import { hostRoutes, type RouteHost } from "../../support/route-host";
import { useTestDatabase } from "../../support/use-database";
import { seedUploadTarget, sentryUploadRoutes } from "./sentry-upload-target";
import { type BuiltApp, buildApp, runSentryCli } from "./sourcemap-app";

// Issue 20 §1: the real sentry-cli (npm @sentry/cli, pinned) uploads to Logwell unchanged, with
// debug ids and with --release + --url-prefix, and what it uploaded is stored per project.

describe.each(backends())("sentry-cli sourcemaps upload (%s)", (backend) => {
  const database = useTestDatabase(backend);
  let host: RouteHost;
  let token: string;
  let projectNumber: string;
  let projectId: string;

  beforeAll(async () => {
    ({ token, projectId, projectNumber } = await seedUploadTarget(database.db));
    host = await hostRoutes(database, sentryUploadRoutes);
  });
  afterAll(async () => {
    await host?.close();
  });

  const cli = (args: string[], auth = token) => runSentryCli(args, { url: host.url, token: auth });
  /** `sentry-cli sourcemaps upload` to a project by number or id, under the org "logwell". */
  const uploadTo = (project: string, args: string[]) =>
    cli(["sourcemaps", "upload", "--org", "logwell", "--project", project, ...args]);

  it("answers the chunk-upload options with all six fields and a relative url", async () => {
    const res = await fetch(`${host.url}/api/0/organizations/logwell/chunk-upload/`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      url: "/api/0/organizations/logwell/chunk-upload/",
      chunkSize: 4 * 1024 * 1024,
      hashAlgorithm: "sha1",
    });
    for (const field of ["chunksPerRequest", "maxRequestSize", "concurrency"]) {
      expect(typeof body[field]).toBe("number");
    }
    expect(body.chunkSize).toBeLessThanOrEqual(4 * 1024 * 1024);
  });

  it("refuses a missing or wrong token with 401 {detail}", async () => {
    const res = await fetch(`${host.url}/api/0/organizations/logwell/chunk-upload/`, {
      headers: { authorization: "Bearer lw_sec_wrong" },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ detail: expect.any(String) });
    const run = await cli(
      ["sourcemaps", "upload", "--org", "logwell", "--project", "1", "."],
      "lw_sec_nope",
    );
    expect(run.code).not.toBe(0);
  });

  it("inject + upload with debug ids stores the script and its map under their debug id", async () => {
    const app: BuiltApp = await buildApp();
    const inject = await cli(["sourcemaps", "inject", app.dir]);
    expect(inject.code, inject.output).toBe(0);
    const script = readFileSync(path.join(app.dir, app.scriptName), "utf8");
    const debugId = /\/\/# debugId=([0-9a-f-]{36})/.exec(script)?.[1];
    expect(debugId).toBeDefined();
    const upload = await uploadTo(projectNumber, ["--wait", app.dir]);
    expect(upload.code, upload.output).toBe(0);
    const files = await database.db
      .select({
        kind: sourcemapFiles.kind,
        url: sourcemapFiles.url,
        debugId: sourcemapFiles.debugId,
      })
      .from(sourcemapFiles)
      .where(eq(sourcemapFiles.debugId, debugId ?? ""));
    expect(files.map((f) => f.kind).sort()).toEqual(["minified_source", "source_map"]);
    expect(files.map((f) => f.url).sort()).toEqual([
      `~/${app.scriptName}`,
      `~/${app.scriptName}.map`,
    ]);
    // Assembled chunks are not kept twice.
    expect(await database.db.select().from(sourcemapChunks)).toEqual([]);
    // The same upload again succeeds and stores nothing twice.
    const again = await uploadTo(projectNumber, [app.dir]);
    expect(again.code, again.output).toBe(0);
    const bundles = await database.db
      .select()
      .from(sourcemapBundles)
      .where(eq(sourcemapBundles.projectId, projectId));
    expect(bundles).toHaveLength(1);
    expect(bundles[0]).toMatchObject({ fileCount: 2, release: null });
    // The project's id works as --project too.
    const byId = await uploadTo(projectId, [app.dir]);
    expect(byId.code, byId.output).toBe(0);
  });

  it("upload with --release and --url-prefix (no debug ids) stores the release and URLs", async () => {
    const app = await buildApp();
    const upload = await uploadTo(projectNumber, [
      "--release",
      "shop@1.2.3",
      "--url-prefix",
      "~/static/js",
      "--wait",
      app.dir,
    ]);
    expect(upload.code, upload.output).toBe(0);
    const rows = await database.db
      .select({ url: sourcemapFiles.url, release: sourcemapBundles.release })
      .from(sourcemapFiles)
      .innerJoin(sourcemapBundles, eq(sourcemapBundles.id, sourcemapFiles.bundleId))
      .where(eq(sourcemapBundles.release, "shop@1.2.3"));
    expect(rows.map((r) => r.url).sort()).toEqual([
      `~/static/js/${app.scriptName}`,
      `~/static/js/${app.scriptName}.map`,
    ]);
  });

  it("fails an upload to an unknown project and stores nothing", async () => {
    const app = await buildApp();
    const run = await uploadTo("no-such-project", ["--release", "r1", app.dir]);
    // sentry-cli words any 404 of the assemble call as "Release not found".
    expect(run.code).not.toBe(0);
    expect(
      await database.db.select().from(sourcemapBundles).where(eq(sourcemapBundles.release, "r1")),
    ).toEqual([]);
  });
});
