import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { requireRole, requireVisibleProject } from "@/lib/auth/access";
import type { Principal } from "@/lib/auth/principal";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { sourcemapBundles } from "@/lib/db/schema";
import { ApiError } from "@/lib/http/errors";
import { forgetProjectMaps } from "./grouping/has-maps";

// A project's uploads as its settings page lists them, and their deletion (admins).

/** File names shown per upload; the rest are counted. */
const shownFiles = 5;
/** Uploads listed, newest first. */
const listedUploads = 200;

export interface UploadSummary {
  id: string;
  release: string | null;
  dist: string | null;
  fileCount: number;
  size: number;
  storedSize: number;
  createdAt: Date;
  lastUsedAt: Date;
  /** A few of its file URLs (or debug ids), scripts first. */
  files: string[];
}

export async function listUploads(db: Db, projectId: string): Promise<UploadSummary[]> {
  const bundles = await db
    .select()
    .from(sourcemapBundles)
    .where(eq(sourcemapBundles.projectId, projectId))
    .orderBy(desc(sourcemapBundles.createdAt))
    .limit(listedUploads);
  if (bundles.length === 0) return [];
  // At most shownFiles names per upload, picked in SQL: an upload may hold thousands.
  const files = await queryRows<{ bundle_id: string; name: string }>(
    db,
    sql`SELECT bundle_id::text AS bundle_id, name FROM (
          SELECT f.bundle_id, coalesce(f.url, f.debug_id, '?') AS name,
                 row_number() OVER (PARTITION BY f.bundle_id ORDER BY f.kind, f.url) AS rank
          FROM sourcemap_files f WHERE f.project_id = ${projectId}) ranked
        WHERE rank <= ${shownFiles}`,
  );
  return bundles.map((b) => ({
    id: b.id,
    release: b.release,
    dist: b.dist,
    fileCount: b.fileCount,
    size: b.size,
    storedSize: b.storedSize,
    createdAt: b.createdAt,
    lastUsedAt: b.lastUsedAt,
    files: files.filter((f) => f.bundle_id === b.id).map((f) => f.name),
  }));
}

/** Deletes one upload of the project (its files with it); 404 for a missing or foreign id. */
export async function deleteUploadAs(
  db: Db,
  principal: Principal,
  projectId: string,
  uploadId: string,
): Promise<void> {
  await requireVisibleProject(db, principal, projectId);
  requireRole(principal, "admin");
  const notFound = new ApiError("not_found", "Upload not found.");
  if (!z.uuid().safeParse(uploadId).success) throw notFound;
  const rows = await db
    .delete(sourcemapBundles)
    .where(and(eq(sourcemapBundles.id, uploadId), eq(sourcemapBundles.projectId, projectId)))
    .returning({ id: sourcemapBundles.id });
  if (rows.length === 0) throw notFound;
  forgetProjectMaps(projectId);
}
