// GET /api/v1/projects/{id}/keys — the project's ingest keys (prefixes only); POST — a new key (admin)
import { requireRole, requireVisibleProject } from "@/lib/auth/access";
import { requireApiPrincipal } from "@/lib/auth/principal";
import { getDb } from "@/lib/db/client";
import { withRequestContext } from "@/lib/http/request-context";
import { json } from "@/lib/http/respond";
import { publicOrigin } from "@/lib/http/site-origin";
import { createKeyAs } from "@/lib/projects/api";
import { ingestKeyDto } from "@/lib/projects/dto";
import { listIngestKeys } from "@/lib/projects/ingest-keys";
import { parseJsonBody } from "@/lib/projects/request-body";
import { newIngestKeyBodySchema } from "@/lib/projects/schemas";

type Params = { params: Promise<{ projectId: string }> };

export async function GET(request: Request, { params }: Params) {
  return withRequestContext(request, async (ctx) => {
    const principal = await requireApiPrincipal(request);
    const db = await getDb();
    const project = await requireVisibleProject(db, principal, (await params).projectId);
    requireRole(principal, "admin");
    const keys = await listIngestKeys(db, project.id);
    return json(ctx, 200, { keys: keys.map(ingestKeyDto) });
  });
}

export async function POST(request: Request, { params }: Params) {
  return withRequestContext(request, async (ctx) => {
    const principal = await requireApiPrincipal(request);
    const { projectId } = await params;
    const readBody = () => parseJsonBody(request, newIngestKeyBodySchema, { optional: true });
    const origin = publicOrigin(request.headers);
    return json(ctx, 201, await createKeyAs(await getDb(), principal, projectId, readBody, origin));
  });
}
