// GET /api/v1/projects — projects the caller may see; POST — create one (admin) with its first key
import { requireRole } from "@/lib/auth/access";
import { requireApiPrincipal } from "@/lib/auth/principal";
import { getDb } from "@/lib/db/client";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { publicOrigin } from "@/lib/http/site-origin";
import { createProjectAs, listProjectsFor } from "@/lib/projects/api";
import { parseJsonBody } from "@/lib/projects/request-body";
import { createProjectBodySchema } from "@/lib/projects/schemas";

export const GET = route(async (ctx) => {
  const principal = await requireApiPrincipal(ctx.request);
  return json(ctx, 200, { projects: await listProjectsFor(await getDb(), principal) });
});

export const POST = route(async (ctx) => {
  const principal = await requireApiPrincipal(ctx.request);
  requireRole(principal, "admin");
  const body = await parseJsonBody(ctx.request, createProjectBodySchema);
  const origin = publicOrigin(ctx.request.headers);
  return json(ctx, 201, await createProjectAs(await getDb(), principal, body, origin));
});
