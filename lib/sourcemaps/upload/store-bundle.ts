import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { sourcemapBundles, sourcemapFiles } from "@/lib/db/schema";
import { forgetProjectMaps } from "../grouping/has-maps";
import { sourcemapLimits } from "../limits";
import { BundleError, type BundleHead, forEachBundleFile } from "./source-bundle";

// Stores one bundle for one project, in one transaction that holds the project's row lock, so
// two uploads at once cannot both pass the project's cap, and a failed upload leaves nothing.

export interface StoreBundleInput {
  projectId: string;
  checksum: string;
  zip: Uint8Array;
  head: BundleHead;
  release: string | null;
  dist: string | null;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** The bundle's id; `stored: false` when this project already had one with this checksum. */
export async function storeBundle(
  db: Db,
  input: StoreBundleInput,
): Promise<{ id: string; stored: boolean }> {
  const result = await db.transaction(async (txn) => {
    const tx = txn as unknown as Db;
    await queryRows(tx, sql`SELECT id FROM projects WHERE id = ${input.projectId} FOR UPDATE`);
    const [existing] = await tx
      .select({ id: sourcemapBundles.id })
      .from(sourcemapBundles)
      .where(
        and(
          eq(sourcemapBundles.projectId, input.projectId),
          eq(sourcemapBundles.checksum, input.checksum),
        ),
      );
    if (existing) return { id: existing.id, stored: false };
    const [usage] = await queryRows<{ bytes: string | number | null }>(
      tx,
      sql`SELECT sum(size) AS bytes FROM sourcemap_bundles WHERE project_id = ${input.projectId}`,
    );
    const used = Number(usage?.bytes ?? 0);
    if (used + input.head.declaredBytes > sourcemapLimits.projectBytes) {
      throw new BundleError(
        `The project keeps at most ${mib(sourcemapLimits.projectBytes)} of source files and maps; ` +
          `it holds ${mib(used)} and this bundle adds ${mib(input.head.declaredBytes)}. ` +
          "Delete old uploads in the project's settings.",
        { tooLarge: true },
      );
    }
    const [bundle] = await tx
      .insert(sourcemapBundles)
      .values({
        projectId: input.projectId,
        checksum: input.checksum,
        release: input.release,
        dist: input.dist,
        fileCount: 0,
        size: 0,
        storedSize: 0,
      })
      .returning({ id: sourcemapBundles.id });
    if (!bundle) throw new Error("insert into sourcemap_bundles returned no row");
    let fileCount = 0;
    let size = 0;
    let storedSize = 0;
    await forEachBundleFile(input.zip, input.head, async (file) => {
      fileCount++;
      size += file.size;
      storedSize += file.content.byteLength;
      // One row per statement: a file may be megabytes, and statements stay bounded.
      await tx
        .insert(sourcemapFiles)
        .values({ ...file, bundleId: bundle.id, projectId: input.projectId });
    });
    await tx
      .update(sourcemapBundles)
      .set({ fileCount, size, storedSize })
      .where(eq(sourcemapBundles.id, bundle.id));
    return { id: bundle.id, stored: true };
  });
  // Ingest in this process groups the project's next error events with it (has-maps.ts).
  forgetProjectMaps(input.projectId);
  return result;
}
