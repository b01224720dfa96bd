// GET /api/v1/projects — projects the caller may see; POST — create one (admin) with its first key
import { requireRole } from "@/lib/auth/access";
import { requireApiPrincipal } from "@/lib/auth/principal";
import { getDb } from "@/lib/db/client";
import { withRequestContext } from "@/lib/http/request-context";
import { json } from "@/lib/http/respond";
import { publicOrigin } from "@/lib/http/site-origin";
import { createProjectAs, listProjectsFor } from "@/lib/projects/api";
import { parseJsonBody } from "@/lib/projects/request-body";
import { createProjectBodySchema } from "@/lib/projects/schemas";

export async function GET(request: Request) {
  return withRequestContext(request, async (ctx) => {
    const principal = await requireApiPrincipal(request);
    return json(ctx, 200, { projects: await listProjectsFor(await getDb(), principal) });
  });
}

export async function POST(request: Request) {
  return withRequestContext(request, async (ctx) => {
    const principal = await requireApiPrincipal(request);
    requireRole(principal, "admin");
    const body = await parseJsonBody(request, createProjectBodySchema);
    return json(
      ctx,
      201,
      await createProjectAs(await getDb(), principal, body, publicOrigin(request.headers)),
    );
  });
}
