// GET /api/v1/projects/{id}/keys — the project's ingest keys (prefixes only); POST — a new key (admin)
import { requireRole, requireVisibleProject } from "@/lib/auth/access";
import { requireApiPrincipal } from "@/lib/auth/principal";
import { getDb } from "@/lib/db/client";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { publicOrigin } from "@/lib/http/site-origin";
import { createKeyAs } from "@/lib/projects/api";
import { ingestKeyDto } from "@/lib/projects/dto";
import { listIngestKeys } from "@/lib/projects/ingest-keys";
import { parseJsonBody } from "@/lib/projects/request-body";
import { newIngestKeyBodySchema } from "@/lib/projects/schemas";

type Params = { projectId: string };

export const GET = route(async (ctx, { projectId }: Params) => {
  const principal = await requireApiPrincipal(ctx.request);
  const db = await getDb();
  const project = await requireVisibleProject(db, principal, projectId);
  requireRole(principal, "admin");
  const keys = await listIngestKeys(db, project.id);
  return json(ctx, 200, { keys: keys.map(ingestKeyDto) });
});

export const POST = route(async (ctx, { projectId }: Params) => {
  const principal = await requireApiPrincipal(ctx.request);
  const readBody = () => parseJsonBody(ctx.request, newIngestKeyBodySchema, { optional: true });
  const origin = publicOrigin(ctx.request.headers);
  return json(ctx, 201, await createKeyAs(await getDb(), principal, projectId, readBody, origin));
});
