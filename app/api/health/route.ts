// GET /api/health — liveness and dependencies for operators and uptime checks.
import { healthReport } from "@/lib/health";

export async function GET() {
  const report = await healthReport();
  return Response.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
