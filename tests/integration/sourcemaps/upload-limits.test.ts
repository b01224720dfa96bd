import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createAdminToken } from "@/lib/auth/admin-tokens";
import { sourcemapBundles, sourcemapFiles } from "@/lib/db/schema";
import { sourcemapLimits } from "@/lib/sourcemaps/limits";
import { backends } from "../../support/db";
import { seedProject } from "../../support/seed";
import { useTestDatabase } from "../../support/use-database";
import { sourceBundle, uploadBundle } from "./sentry-protocol";
import { useUploadHost } from "./sentry-upload-target";

// Issue 20 §1 caps: sentry-cli checks no size, so the server refuses at assemble, with a detail
// naming the file and its size; a project's total is capped; a corrupt bundle is an error
// state, never a 5xx; viewers cannot upload.

describe.each(backends())("source map upload limits (%s)", (backend) => {
  const database = useTestDatabase(backend);
  const host = useUploadHost(database);

  it("refuses a file over 64 MiB decompressed, naming it and its size, and stores nothing", async () => {
    const project = await seedProject(database.db);
    const huge = new Uint8Array(sourcemapLimits.fileBytes + 1).fill(0x20);
    const bundle = sourceBundle({
      "files/_/_/big.js.map": { url: "~/big.js.map", type: "source_map", data: huge },
    });
    // Spaces deflate ≈ 1000:1: the whole upload is one small chunk.
    expect(bundle.length).toBeLessThan(sourcemapLimits.chunkBytes);
    const answer = await uploadBundle(host.url, host.token, project.id, bundle);
    expect(answer.state).toBe("error");
    expect(answer.detail).toContain("~/big.js.map");
    expect(answer.detail).toContain(String(sourcemapLimits.fileBytes + 1));
    expect(answer.detail).toContain("64.0 MiB");
    expect(
      await database.db
        .select()
        .from(sourcemapBundles)
        .where(eq(sourcemapBundles.projectId, project.id)),
    ).toEqual([]);
  });

  it("refuses a bundle past the project's total, with a detail", async () => {
    const project = await seedProject(database.db);
    // What earlier uploads left: all but 100 bytes of the project's room.
    await database.db.insert(sourcemapBundles).values({
      projectId: project.id,
      checksum: "0".repeat(40),
      fileCount: 1,
      size: sourcemapLimits.projectBytes - 100,
      storedSize: 1,
    });
    const bundle = sourceBundle({
      "files/_/_/a.js": { url: "~/a.js", type: "minified_source", data: "x".repeat(200) },
    });
    const answer = await uploadBundle(host.url, host.token, project.id, bundle, { release: "r" });
    expect(answer).toMatchObject({ state: "error" });
    expect(answer.detail).toMatch(/at most 1024\.0 MiB.*Delete old uploads/);
    const small = sourceBundle({
      "files/_/_/a.js": { url: "~/a.js", type: "minified_source", data: "x".repeat(50) },
    });
    expect(
      await uploadBundle(host.url, host.token, project.id, small, { release: "r" }),
    ).toMatchObject({
      state: "ok",
    });
  });

  it("answers a corrupt bundle with state error, and a bundle without manifest likewise", async () => {
    const project = await seedProject(database.db);
    const garbage = new TextEncoder().encode("SYSB\x02\x00\x00\x00this is not a zip at all");
    const corrupt = await uploadBundle(host.url, host.token, project.id, garbage);
    expect(corrupt).toMatchObject({ state: "error", detail: expect.stringContaining("zip") });
    const notBundle = await uploadBundle(
      host.url,
      host.token,
      project.id,
      new TextEncoder().encode("hello"),
    );
    expect(notBundle).toMatchObject({ state: "error" });
  });

  it("stores files of a hand-made bundle with the release from the manifest and debug ids from headers", async () => {
    const project = await seedProject(database.db);
    const debugId = "5B1C6B5E-1C3B-4E0F-9D2A-7C9E1F2A3B4C";
    const bundle = sourceBundle(
      {
        "files/_/_/app.js": {
          url: "~/app.js",
          type: "minified_source",
          headers: { "debug-id": debugId, Sourcemap: "app.js.map" },
          data: "x()\n//# debugId=5b1c6b5e-1c3b-4e0f-9d2a-7c9e1f2a3b4c\n",
        },
        "files/_/_/app.js.map": {
          url: "~/app.js.map",
          type: "source_map",
          headers: { "debug-id": debugId },
          data: '{"version":3,"sources":[],"names":[],"mappings":""}',
        },
        "files/_/_/README": { url: "~/README", type: "other", data: "ignored" },
      },
      { release: "web@2.0.0", dist: "7" },
    );
    expect(await uploadBundle(host.url, host.token, String(project.number), bundle)).toMatchObject({
      state: "ok",
    });
    const [stored] = await database.db
      .select()
      .from(sourcemapBundles)
      .where(eq(sourcemapBundles.projectId, project.id));
    expect(stored).toMatchObject({ release: "web@2.0.0", dist: "7", fileCount: 2 });
    const files = await database.db
      .select({
        kind: sourcemapFiles.kind,
        debugId: sourcemapFiles.debugId,
        ref: sourcemapFiles.sourcemapRef,
      })
      .from(sourcemapFiles)
      .where(eq(sourcemapFiles.projectId, project.id));
    expect(files).toEqual(
      expect.arrayContaining([
        { kind: "minified_source", debugId: debugId.toLowerCase(), ref: "app.js.map" },
        { kind: "source_map", debugId: debugId.toLowerCase(), ref: null },
      ]),
    );
  });

  it("refuses a viewer token with 403 and an ingest key with 401, as {detail}", async () => {
    const { token: viewer } = await createAdminToken(
      database.db,
      { name: "v", role: "viewer" },
      "cli",
    );
    const res = await fetch(`${host.url}/api/0/organizations/logwell/chunk-upload/`, {
      headers: { authorization: `Bearer ${viewer}` },
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ detail: expect.any(String) });
    const project = await seedProject(database.db);
    const res2 = await fetch(`${host.url}/api/0/organizations/logwell/artifactbundle/assemble/`, {
      method: "POST",
      headers: { authorization: `Bearer ${project.key}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(res2.status).toBe(401);
  });
});
