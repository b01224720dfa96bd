import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import { sourcemapBundles, sourcemapFiles } from "@/lib/db/schema";
import { ApiError } from "@/lib/http/errors";
import { deleteUploadAs, listUploads } from "@/lib/sourcemaps/uploads";
import { backends } from "../../support/db";
import { seedProject } from "../../support/seed";
import { useTestDatabase } from "../../support/use-database";

// The settings page's list of uploads (release, files, size, last used) and their deletion:
// admins only, scoped to the project (another project's upload is 404 like a missing one).

const admin: Principal = {
  kind: "token",
  id: "00000000-0000-7000-8000-000000000001",
  role: "admin",
};
const viewer: Principal = {
  kind: "token",
  id: "00000000-0000-7000-8000-000000000002",
  role: "viewer",
};

describe.each(backends())("source map uploads in settings (%s)", (backend) => {
  const database = useTestDatabase(backend);

  async function seedUpload(projectId: string, release: string | null, files: number) {
    const [bundle] = await database.db
      .insert(sourcemapBundles)
      .values({
        projectId,
        checksum: `${release}-${files}`,
        release,
        fileCount: files,
        size: files * 10,
        storedSize: files * 3,
      })
      .returning({ id: sourcemapBundles.id });
    for (let i = 0; i < files; i++) {
      await database.db.insert(sourcemapFiles).values({
        bundleId: bundle?.id ?? "",
        projectId,
        kind: i % 2 ? "source_map" : "minified_source",
        url: `~/static/f${i}.js${i % 2 ? ".map" : ""}`,
        size: 10,
        content: new Uint8Array([i]),
      });
    }
    return bundle?.id ?? "";
  }

  it("lists uploads newest first with at most 5 file names each", async () => {
    const project = await seedProject(database.db);
    await seedUpload(project.id, "web@1", 2);
    await seedUpload(project.id, "web@2", 8);
    const uploads = await listUploads(database.db, project.id);
    expect(uploads.map((u) => [u.release, u.fileCount, u.files.length, u.size])).toEqual([
      ["web@2", 8, 5, 80],
      ["web@1", 2, 2, 20],
    ]);
    expect(uploads[1]?.files).toEqual(["~/static/f0.js", "~/static/f1.js.map"]);
  });

  it("deletes an upload with its files; viewers, foreign and unknown ids are refused", async () => {
    const project = await seedProject(database.db);
    const other = await seedProject(database.db);
    const id = await seedUpload(project.id, "web@3", 2);
    await expect(deleteUploadAs(database.db, viewer, project.id, id)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(deleteUploadAs(database.db, admin, other.id, id)).rejects.toBeInstanceOf(ApiError);
    await expect(deleteUploadAs(database.db, admin, project.id, "nope")).rejects.toMatchObject({
      code: "not_found",
    });
    await deleteUploadAs(database.db, admin, project.id, id);
    expect(await listUploads(database.db, project.id)).toEqual([]);
    expect(
      await database.db.select().from(sourcemapFiles).where(eq(sourcemapFiles.bundleId, id)),
    ).toEqual([]);
  });
});
