// GET /api/health — liveness and dependencies for operators and uptime checks.
import { requireApiPrincipal } from "@/lib/auth/principal";
import { healthReport } from "@/lib/health";

export async function GET(request: Request) {
  // Anyone may ask whether the deployment is up; only a signed-in user or an admin token sees
  // per-project details. A failed lookup (no credentials, database down) means the public view.
  const detailed = await requireApiPrincipal(request).then(
    () => true,
    () => false,
  );
  const report = await healthReport({ detailed });
  return Response.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
