// DELETE /api/v1/projects/{id}/keys/{keyId} — revoke an ingest key (admin)
import { requireApiPrincipal } from "@/lib/auth/principal";
import { getDb } from "@/lib/db/client";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { revokeKeyAs } from "@/lib/projects/api";

export const DELETE = route(
  async (ctx, { projectId, keyId }: { projectId: string; keyId: string }) => {
    const principal = await requireApiPrincipal(ctx.request);
    return json(ctx, 200, await revokeKeyAs(await getDb(), principal, projectId, keyId));
  },
);
