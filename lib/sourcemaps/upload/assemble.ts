import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db/open";
import { sourcemapBundles } from "@/lib/db/schema";
import { logger } from "@/lib/log";
import { sourcemapLimits } from "../limits";
import { projectIdFromRef } from "../project-ref";
import { deleteChunks, isChecksum, joinChunks, missingChunks, sha1 } from "./chunks";
import { BundleError, bundleZip, readBundleHead } from "./source-bundle";
import { storeBundle } from "./store-bundle";

// POST /api/0/organizations/{org}/artifactbundle/assemble/ (sentry-cli's second and fourth
// calls). Assembly runs inside the call: when every chunk is there the answer is already "ok"
// (or "error" with a detail sentry-cli prints), never "created" with work left behind.

export const assembleRequestSchema = z.object({
  checksum: z.string().refine(isChecksum, "a SHA-1 in lowercase hex"),
  chunks: z.array(z.string().refine(isChecksum, "a SHA-1 in lowercase hex")).max(10_000),
  projects: z.array(z.string().max(200)).min(1).max(sourcemapLimits.projectsPerAssemble),
  version: z.string().max(sourcemapLimits.textChars).nullish(),
  dist: z.string().max(sourcemapLimits.textChars).nullish(),
});

export type AssembleRequest = z.infer<typeof assembleRequestSchema>;

export type AssembleAnswer =
  | { state: "ok"; missingChunks: []; detail: null }
  | { state: "not_found"; missingChunks: string[]; detail: null }
  | { state: "error"; missingChunks: []; detail: string };

const ok = (): AssembleAnswer => ({ state: "ok", missingChunks: [], detail: null });
const failed = (detail: string): AssembleAnswer => ({ state: "error", missingChunks: [], detail });

export async function assembleBundle(db: Db, body: AssembleRequest): Promise<AssembleAnswer> {
  const projectIds: string[] = [];
  for (const ref of body.projects) projectIds.push(await projectIdFromRef(db, ref));
  const stored = await db
    .select({ projectId: sourcemapBundles.projectId })
    .from(sourcemapBundles)
    .where(
      and(
        eq(sourcemapBundles.checksum, body.checksum),
        inArray(sourcemapBundles.projectId, projectIds),
      ),
    );
  const pending = projectIds.filter((id) => !stored.some((s) => s.projectId === id));
  if (pending.length === 0) return ok();
  if (body.chunks.length > sourcemapLimits.chunksPerBundle) {
    return failed(
      `An upload has at most ${sourcemapLimits.chunksPerBundle} chunks ` +
        `(${sourcemapLimits.chunksPerBundle * sourcemapLimits.chunkBytes} bytes); this one ${body.chunks.length}.`,
    );
  }
  const missing = await missingChunks(db, body.chunks);
  if (missing.length > 0) return { state: "not_found", missingChunks: missing, detail: null };
  const data = await joinChunks(db, body.chunks);
  if (!data) return { state: "not_found", missingChunks: body.chunks, detail: null };
  if (sha1(data) !== body.checksum) return failed("The chunks do not add up to the checksum.");
  try {
    const zip = bundleZip(data);
    const head = readBundleHead(zip);
    for (const projectId of pending) {
      await storeBundle(db, {
        projectId,
        checksum: body.checksum,
        zip,
        head,
        release: body.version ?? head.release,
        dist: body.dist ?? head.dist,
      });
    }
  } catch (err) {
    if (!(err instanceof BundleError)) throw err;
    logger.info({ checksum: body.checksum, reason: err.message }, "source bundle refused");
    return failed(err.message);
  }
  await deleteChunks(db, body.chunks);
  return ok();
}
