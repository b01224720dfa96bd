// GET /api/health — liveness and dependencies for operators and uptime checks.
import { visibleProjectIds } from "@/lib/auth/access";
import { requireApiPrincipal } from "@/lib/auth/principal";
import { getDb } from "@/lib/db/client";
import { healthReport } from "@/lib/health";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";

export const GET = route(async (ctx) => {
  // Anyone may ask whether the deployment is up; a signed-in user or an admin token also sees
  // storage facts of the projects it may see. A failed lookup (no credentials, database down)
  // means the public view.
  const projectIds = await requireApiPrincipal(ctx.request)
    .then(async (principal) => visibleProjectIds(await getDb(), principal))
    .catch(() => undefined);
  const report = await healthReport({ projectIds });
  return json(ctx, report.status === "ok" ? 200 : 503, report);
});
