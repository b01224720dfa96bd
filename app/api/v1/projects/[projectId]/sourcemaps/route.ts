// GET /api/v1/projects/{id}/sourcemaps — the project's source map uploads; POST — upload
// scripts and maps as multipart `file` parts (admin; docs/api.md → Source maps)
import { route } from "@/lib/http/route";
import { handleListSourcemaps, handleUploadSourcemaps } from "@/lib/sourcemaps/api";

type Params = { projectId: string };

export const GET = route((ctx, { projectId }: Params) => handleListSourcemaps(ctx, projectId));

export const POST = route((ctx, { projectId }: Params) => handleUploadSourcemaps(ctx, projectId));
