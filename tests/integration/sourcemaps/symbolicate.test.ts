import { readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as logRoute from "@/app/api/v1/logs/[id]/route";
import { logs, sourcemapBundles } from "@/lib/db/schema";
import { getLog } from "@/lib/logs/get";
import { parsedMapCache } from "@/lib/sourcemaps/read/parsed-maps";
import { type SymbolicatedStack, symbolicateLog } from "@/lib/sourcemaps/read/symbolicate";
import { uploadFiles } from "@/lib/sourcemaps/upload/upload-files";
import { backends } from "../../support/db";
import { hostRoutes, type RouteHost } from "../../support/route-host";
import { useTestDatabase } from "../../support/use-database";
import { type SeedEvent, seedLogs } from "../logs/seed-logs";
import { corruptMapFiles, sourceBundle, uploadBundle } from "./sentry-protocol";
import { seedUploadTarget, sentryUploadRoutes } from "./sentry-upload-target";
import { type BuiltApp, buildApp, geckoStackOf, runSentryCli, v8StackOf } from "./sourcemap-app";

// Issue 20 §2: stacks read back with the uploaded maps — by debug id, by release + URL — in
// V8, Firefox and Safari formats, each frame with its original file, line, column, function
// and source lines; frames that cannot be mapped say why; nothing here ever throws.

const origin = "https://shop.example/static/js";

/** The header and the app's own frames (the test runner's frames are not the app's). */
const appStack = (stack: string) =>
  stack
    .split("\n")
    .filter((l) => !/^\s+at |@/.test(l) || l.includes("shop.example"))
    .join("\n");

describe.each(backends())("symbolication on read (%s)", (backend) => {
  const database = useTestDatabase(backend);
  let host: RouteHost;
  let token: string;
  let projectId: string;
  let projectNumber: string;

  beforeAll(async () => {
    ({ token, projectId, projectNumber } = await seedUploadTarget(database.db));
    host = await hostRoutes(database, [
      ...sentryUploadRoutes,
      { path: /^\/api\/v1\/logs\/(?<id>\d+)$/, methods: logRoute },
    ]);
  });
  afterAll(async () => {
    await host?.close();
  });
  beforeEach(() => parsedMapCache.clear());

  const upload = async (app: BuiltApp, extra: string[]) => {
    const run = await runSentryCli(
      ["sourcemaps", "upload", "--org", "logwell", "--project", projectNumber, ...extra, app.dir],
      { url: host.url, token },
    );
    expect(run.code, run.output).toBe(0);
  };

  let nextId = 1;
  async function storeAndRead(event: SeedEvent): Promise<SymbolicatedStack | null> {
    const clientId = `event-${nextId++}-${backend}`;
    await seedLogs(database.db, projectId, [{ level: "error", clientId, ...event }]);
    const [row] = await database.db
      .select({ id: logs.id })
      .from(logs)
      .where(eq(logs.clientId, clientId));
    const log = await getLog(database.db, { projectIds: [projectId] }, String(row?.id));
    if (!log) throw new Error("seeded log not found");
    return symbolicateLog(database.db, log);
  }

  const mappedFrames = (stack: SymbolicatedStack | null) =>
    (stack?.lines ?? []).filter((l) => l.frame).map((l) => l.original ?? l.reason);

  /** What the app's three frames must map to (tests/fixtures/sourcemaps/app). */
  function expectOriginalApp(stack: SymbolicatedStack | null) {
    const frames = mappedFrames(stack);
    expect(frames).toHaveLength(3);
    expect(frames).toEqual([
      expect.objectContaining({
        function: "validateCart",
        line: 13,
        file: expect.stringMatching(/checkout\.ts$/),
      }),
      expect.objectContaining({
        function: "checkoutCart",
        line: 18,
        file: expect.stringMatching(/checkout\.ts$/),
      }),
      expect.objectContaining({
        function: "runCheckout",
        line: 4,
        file: expect.stringMatching(/main\.ts$/),
      }),
    ]);
    const top = stack?.lines.find((l) => l.original);
    expect(top?.original?.context).toEqual({
      first_line: 11,
      lines: [
        "function validateCart(items: string[]): void {",
        "  if (items.length > 2) {",
        "    throw new CartError(items.length);",
        "  }",
        "}",
      ],
    });
    // The minified frame stays beside it (line 1, or 2 after sentry-cli's injected snippet).
    expect(top?.frame).toMatchObject({
      function: expect.any(String),
      line: expect.any(Number),
      file: expect.stringContaining(origin),
    });
    expect(stack?.mapped).toBe(3);
  }

  it("maps a V8 stack by debug id (sentry-cli inject + upload, the SDK's debug_meta)", async () => {
    const app = await buildApp();
    const inject = await runSentryCli(["sourcemaps", "inject", app.dir], { url: host.url, token });
    expect(inject.code, inject.output).toBe(0);
    await upload(app, []);
    const url = `${origin}/${app.scriptName}`;
    const debugId = /debugId=([0-9a-f-]{36})/.exec(
      readFileSync(`${app.dir}/${app.scriptName}`, "utf8"),
    )?.[1];
    const stack = appStack(v8StackOf(app, url));
    // No release: only the debug id can find the map.
    const result = await storeAndRead({
      stack,
      attributes: { debug_meta: { images: [{ code_file: url, debug_id: debugId }] } },
    });
    expectOriginalApp(result);
    // Without debug_meta and without a release, nothing matches, and each frame says so.
    expect(mappedFrames(await storeAndRead({ stack }))).toEqual(["no_map", "no_map", "no_map"]);
  });

  it("maps by release + URL (~/ prefix) in V8, Firefox and Safari formats; a wrong release does not", async () => {
    const app = await buildApp();
    await upload(app, ["--release", "shop@2.0.0", "--url-prefix", "~/static/js"]);
    const v8 = appStack(v8StackOf(app, `${origin}/${app.scriptName}?v=3`));
    expectOriginalApp(await storeAndRead({ stack: v8, release: "shop@2.0.0" }));
    const gecko = appStack(geckoStackOf(v8StackOf(app, `${origin}/${app.scriptName}`)));
    expectOriginalApp(await storeAndRead({ stack: gecko, release: "shop@2.0.0" }));
    expect(mappedFrames(await storeAndRead({ stack: v8, release: "shop@1.9.9" }))).toEqual([
      "no_map",
      "no_map",
      "no_map",
    ]);
  });

  it("applies a map uploaded after the error (symbolicated on view)", async () => {
    const app = await buildApp();
    const stack = appStack(v8StackOf(app, `${origin}/${app.scriptName}`));
    const event = { stack, release: "late@1" };
    expect((await storeAndRead(event))?.mapped).toBe(0);
    await upload(app, ["--release", "late@1", "--url-prefix", "~/static/js"]);
    expectOriginalApp(await storeAndRead(event));
    const [bundle] = await database.db
      .select({ lastUsedAt: sourcemapBundles.lastUsedAt, createdAt: sourcemapBundles.createdAt })
      .from(sourcemapBundles)
      .where(eq(sourcemapBundles.release, "late@1"));
    expect(bundle).toBeDefined();
  });

  it("says why a frame is not mapped: corrupt map, a position the map lacks, no location", async () => {
    const bundle = sourceBundle(
      {
        ...corruptMapFiles,
        "files/_/_/empty.js": {
          url: "~/static/js/empty.js",
          type: "minified_source",
          headers: { sourcemap: "empty.js.map" },
          data: "y()",
        },
        "files/_/_/empty.js.map": {
          url: "~/static/js/empty.js.map",
          type: "source_map",
          data: '{"version":3,"sources":["a.ts"],"names":[],"mappings":""}',
        },
      },
      { release: "broken@1" },
    );
    expect((await uploadBundle(host.url, token, projectId, bundle)).state).toBe("ok");
    const stack = [
      "TypeError: x is not a function",
      `    at a (${origin}/bad.js:1:1)`,
      `    at b (${origin}/empty.js:1:1)`,
      "    at Array.map (<anonymous>)",
    ].join("\n");
    const result = await storeAndRead({ stack, release: "broken@1" });
    expect(mappedFrames(result)).toEqual(["map_unreadable", "no_mapping", "no_location"]);
    expect(result?.lines[0]).toEqual({ text: "TypeError: x is not a function" });
  });

  it("matches dist exactly when either side has one", async () => {
    const app = await buildApp();
    const files = [app.scriptName, `${app.scriptName}.map`].map((name) => ({
      path: name,
      data: readFileSync(path.join(app.dir, name)),
    }));
    await uploadFiles(database.db, projectId, files, {
      release: "dist@1",
      dist: "7",
      urlPrefix: "~/static/js",
    });
    const stack = appStack(v8StackOf(app, `${origin}/${app.scriptName}`));
    const read = (dist?: string) =>
      storeAndRead({ stack, release: "dist@1", ...(dist ? { attributes: { dist } } : {}) });
    expectOriginalApp(await read("7"));
    expect((await read("8"))?.mapped).toBe(0);
    expect((await read())?.mapped).toBe(0);
  });

  it("GET /api/v1/logs/{id} answers symbolicated_stack beside the stored stack", async () => {
    const app = await buildApp();
    await upload(app, ["--release", "api@1", "--url-prefix", "~/static/js"]);
    const stack = appStack(v8StackOf(app, `${origin}/${app.scriptName}`));
    await seedLogs(database.db, projectId, [
      { level: "error", clientId: `api-${backend}`, stack, release: "api@1" },
    ]);
    const [row] = await database.db
      .select({ id: logs.id })
      .from(logs)
      .where(eq(logs.clientId, `api-${backend}`));
    const res = await fetch(`${host.url}/api/v1/logs/${row?.id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.stack).toBe(stack);
    expectOriginalApp(body.symbolicated_stack);
  });
});
