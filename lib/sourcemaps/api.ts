import { requireRole, requireVisibleProject } from "@/lib/auth/access";
import { requireApiPrincipal } from "@/lib/auth/principal";
import { getDb } from "@/lib/db/client";
import { ApiError } from "@/lib/http/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { json } from "@/lib/http/respond";
import { sourcemapLimits } from "./limits";
import type { UploadFile } from "./upload/files-bundle";
import { readMultipartForm } from "./upload/multipart";
import { BundleError } from "./upload/source-bundle";
import { uploadFiles } from "./upload/upload-files";
import { listUploads, type UploadSummary } from "./uploads";

// GET and POST /api/v1/projects/{id}/sourcemaps: Logwell's own upload API for those who use
// neither sentry-cli nor the CLI (docs/api.md → Source maps). Admins only, like every upload.

/** One request's body: large maps go through sentry-cli's chunked upload or the CLI. */
export const plainUploadBytes = 32 * 1024 * 1024;

const text = (value: FormDataEntryValue | null) =>
  typeof value === "string" && value.trim() !== ""
    ? value.trim().slice(0, sourcemapLimits.textChars)
    : null;

function uploadDto(u: UploadSummary) {
  return {
    id: u.id,
    release: u.release,
    dist: u.dist,
    file_count: u.fileCount,
    size: u.size,
    stored_size: u.storedSize,
    created_at: u.createdAt.toISOString(),
    last_used_at: u.lastUsedAt.toISOString(),
    files: u.files,
  };
}

async function authorize(ctx: RequestContext, projectId: string) {
  const principal = await requireApiPrincipal(ctx.request);
  const db = await getDb();
  const project = await requireVisibleProject(db, principal, projectId);
  requireRole(principal, "admin");
  return { db, project };
}

export async function handleListSourcemaps(ctx: RequestContext, projectId: string) {
  const { db, project } = await authorize(ctx, projectId);
  return json(ctx, 200, { uploads: (await listUploads(db, project.id)).map(uploadDto) });
}

export async function handleUploadSourcemaps(ctx: RequestContext, projectId: string) {
  const { db, project } = await authorize(ctx, projectId);
  const form = await readMultipartForm(
    ctx,
    plainUploadBytes,
    "Send multipart/form-data with `file` parts.",
  );
  const files: UploadFile[] = [];
  for (const value of form.getAll("file")) {
    if (typeof value === "string") continue;
    if (files.length === sourcemapLimits.filesPerBundle) {
      throw new ApiError("payload_too_large", `At most ${sourcemapLimits.filesPerBundle} files.`);
    }
    files.push({ path: value.name, data: new Uint8Array(await value.arrayBuffer()) });
  }
  try {
    const result = await uploadFiles(db, project.id, files, {
      release: text(form.get("release")),
      dist: text(form.get("dist")),
      urlPrefix: text(form.get("url_prefix")) ?? undefined,
    });
    const [upload] = (await listUploads(db, project.id)).filter((u) => u.id === result.id);
    return json(ctx, result.stored ? 201 : 200, {
      stored: result.stored,
      upload: upload ? uploadDto(upload) : null,
    });
  } catch (err) {
    if (!(err instanceof BundleError)) throw err;
    throw new ApiError(err.tooLarge ? "payload_too_large" : "invalid_request", err.message);
  }
}
