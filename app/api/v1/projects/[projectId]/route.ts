// GET|PATCH|DELETE /api/v1/projects/{id} — read, change settings (admin), delete with its logs (admin)
import { requireVisibleProject } from "@/lib/auth/access";
import { requireApiPrincipal } from "@/lib/auth/principal";
import { getDb } from "@/lib/db/client";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { deleteProjectAs, updateProjectAs } from "@/lib/projects/api";
import { continueDeletionsAfterResponse } from "@/lib/projects/deletion-in-background";
import { projectDto } from "@/lib/projects/dto";
import { parseJsonBody } from "@/lib/projects/request-body";
import { updateProjectBodySchema } from "@/lib/projects/schemas";

type Params = { projectId: string };

export const GET = route(async (ctx, { projectId }: Params) => {
  const principal = await requireApiPrincipal(ctx.request);
  const project = await requireVisibleProject(await getDb(), principal, projectId);
  return json(ctx, 200, { project: projectDto(project) });
});

export const PATCH = route(async (ctx, { projectId }: Params) => {
  const principal = await requireApiPrincipal(ctx.request);
  const readPatch = () => parseJsonBody(ctx.request, updateProjectBodySchema);
  const project = await updateProjectAs(await getDb(), principal, projectId, readPatch);
  return json(ctx, 200, { project });
});

export const DELETE = route(async (ctx, { projectId }: Params) => {
  const principal = await requireApiPrincipal(ctx.request);
  const db = await getDb();
  const result = await deleteProjectAs(db, principal, projectId);
  if (!result.done) continueDeletionsAfterResponse(db);
  return json(ctx, 200, result);
});
