import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sentryEsbuildPlugin } from "@sentry/bundler-plugins/esbuild";
import { eq } from "drizzle-orm";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logs, sourcemapFiles } from "@/lib/db/schema";
import { resetEnvCache } from "@/lib/env";
import { getLog } from "@/lib/logs/get";
import { symbolicateLog } from "@/lib/sourcemaps/read/symbolicate";
import { chunkUploadOptions } from "@/lib/sourcemaps/sentry-api/chunk-options";
import { backends } from "../../support/db";
import { hostRoutes, type RouteHost } from "../../support/route-host";
import { useTestDatabase } from "../../support/use-database";
import { seedUploadTarget, sentryUploadRoutes } from "./sentry-upload-target";
import { v8StackOf } from "./sourcemap-app";

// Sentry's esbuild plugin (@sentry/bundler-plugins 11, which uploads with Sentry's JS toolkit
// rather than sentry-cli) uploads to Logwell during a real esbuild build, given the deployment's
// public URL (LOGWELL_PUBLIC_URL): the toolkit fetches the chunk-upload url as given.

const app = path.resolve("tests/fixtures/sourcemaps/app/main.ts");

describe("chunk-upload url", () => {
  it("is relative without a public URL, absolute on it (path kept) with one", () => {
    expect(chunkUploadOptions("logwell").url).toBe("/api/0/organizations/logwell/chunk-upload/");
    expect(chunkUploadOptions("o", "https://logs.example.com/").url).toBe(
      "https://logs.example.com/api/0/organizations/o/chunk-upload/",
    );
    expect(chunkUploadOptions("o", "https://example.com/logwell").url).toBe(
      "https://example.com/logwell/api/0/organizations/o/chunk-upload/",
    );
    expect(chunkUploadOptions("o", "javascript:alert(1)").url).toBe(
      "/api/0/organizations/o/chunk-upload/",
    );
  });
});

describe.each(backends())("Sentry's esbuild plugin (%s)", (backend) => {
  const database = useTestDatabase(backend);
  let host: RouteHost;
  let token: string;
  let projectId: string;
  let projectNumber: string;

  beforeAll(async () => {
    ({ token, projectId, projectNumber } = await seedUploadTarget(database.db));
    host = await hostRoutes(database, sentryUploadRoutes);
    process.env.LOGWELL_PUBLIC_URL = host.url;
    resetEnvCache();
  });
  afterAll(async () => {
    delete process.env.LOGWELL_PUBLIC_URL;
    resetEnvCache();
    await host?.close();
  });

  it("uploads the build's script and map with debug ids; a stack of the build maps", async () => {
    const outdir = mkdtempSync(path.join(tmpdir(), "logwell-plugin-"));
    await build({
      entryPoints: [app],
      outdir,
      bundle: true,
      minify: true,
      sourcemap: true,
      format: "iife",
      globalName: "app",
      logLevel: "silent",
      plugins: [
        sentryEsbuildPlugin({
          org: "logwell",
          project: projectNumber,
          authToken: token,
          url: host.url,
          telemetry: false,
          // Logwell has no release endpoints: the plugin's release management stays off.
          release: { create: false, finalize: false, inject: false },
        }),
      ],
    });
    // The plugin names uploads by debug id; its script and map share one.
    const files = await database.db
      .select({ kind: sourcemapFiles.kind, debugId: sourcemapFiles.debugId })
      .from(sourcemapFiles)
      .where(eq(sourcemapFiles.projectId, projectId));
    expect(files.map((f) => f.kind).sort()).toEqual(["minified_source", "source_map"]);
    const debugId = files[0]?.debugId;
    expect(debugId).toMatch(/^[0-9a-f-]{36}$/);
    expect(files[1]?.debugId).toBe(debugId);
    // The built script registers it for the SDK (the plugin's injected snippet).
    expect(readFileSync(path.join(outdir, "main.js"), "utf8")).toContain(debugId ?? "-");

    const url = "https://shop.example/static/main.js";
    const stack = v8StackOf({ dir: outdir, scriptName: "main.js" }, url)
      .split("\n")
      .filter((l) => !l.includes(" at ") || l.includes("shop.example"))
      .join("\n");
    const [row] = await database.db
      .insert(logs)
      .values({
        projectId,
        level: 50,
        message: "CartError",
        stack,
        attributes: { debug_meta: { images: [{ code_file: url, debug_id: debugId }] } },
      })
      .returning({ id: logs.id });
    const log = await getLog(database.db, { projectIds: [projectId] }, String(row?.id));
    if (!log) throw new Error("stored log not found");
    const mapped = await symbolicateLog(database.db, log);
    const originals = mapped?.lines.flatMap((l) => (l.original ? [l.original] : [])) ?? [];
    expect(originals.map((o) => [o.function, o.line])).toEqual([
      ["validateCart", 13],
      ["checkoutCart", 18],
      // The outermost frame has no mapped caller to name it; its name is a guess from the
      // source text, which this build's map does not carry.
      [expect.toSatisfy((name) => name === null || name === "runCheckout"), 4],
    ]);
  });
});
