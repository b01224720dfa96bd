// GET|PATCH|DELETE /api/v1/projects/{id} — read, change settings (admin), delete with its logs (admin)
import { requireVisibleProject } from "@/lib/auth/access";
import { requireApiPrincipal } from "@/lib/auth/principal";
import { getDb } from "@/lib/db/client";
import { withRequestContext } from "@/lib/http/request-context";
import { json } from "@/lib/http/respond";
import { deleteProjectAs, updateProjectAs } from "@/lib/projects/api";
import { continueDeletionsAfterResponse } from "@/lib/projects/deletion-in-background";
import { projectDto } from "@/lib/projects/dto";
import { parseJsonBody } from "@/lib/projects/request-body";
import { updateProjectBodySchema } from "@/lib/projects/schemas";

type Params = { params: Promise<{ projectId: string }> };

export async function GET(request: Request, { params }: Params) {
  return withRequestContext(request, async (ctx) => {
    const principal = await requireApiPrincipal(request);
    const db = await getDb();
    const project = await requireVisibleProject(db, principal, (await params).projectId);
    return json(ctx, 200, { project: projectDto(project) });
  });
}

export async function PATCH(request: Request, { params }: Params) {
  return withRequestContext(request, async (ctx) => {
    const principal = await requireApiPrincipal(request);
    const { projectId } = await params;
    const readPatch = () => parseJsonBody(request, updateProjectBodySchema);
    const project = await updateProjectAs(await getDb(), principal, projectId, readPatch);
    return json(ctx, 200, { project });
  });
}

export async function DELETE(request: Request, { params }: Params) {
  return withRequestContext(request, async (ctx) => {
    const principal = await requireApiPrincipal(request);
    const db = await getDb();
    const result = await deleteProjectAs(db, principal, (await params).projectId);
    if (!result.done) continueDeletionsAfterResponse(db);
    return json(ctx, 200, result);
  });
}
