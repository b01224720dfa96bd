// DELETE /api/v1/projects/{id}/keys/{keyId} — revoke an ingest key (admin)
import { requireApiPrincipal } from "@/lib/auth/principal";
import { getDb } from "@/lib/db/client";
import { withRequestContext } from "@/lib/http/request-context";
import { json } from "@/lib/http/respond";
import { revokeKeyAs } from "@/lib/projects/api";

type Params = { params: Promise<{ projectId: string; keyId: string }> };

export async function DELETE(request: Request, { params }: Params) {
  return withRequestContext(request, async (ctx) => {
    const principal = await requireApiPrincipal(request);
    const { projectId, keyId } = await params;
    return json(ctx, 200, await revokeKeyAs(await getDb(), principal, projectId, keyId));
  });
}
