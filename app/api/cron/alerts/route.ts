// GET /api/cron/alerts — refusal rules evaluated, alert deliveries due now, for Vercel Cron (Authorization: Bearer $CRON_SECRET)
import { deliverDueAlerts } from "@/lib/alerts/deliver/worker";
import { pruneAlertHistory } from "@/lib/alerts/history";
import { evaluateRefusalRules } from "@/lib/alerts/refusals";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/http/errors";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { pruneIngestOutcomes } from "@/lib/ingest/accounting/flush";
import { isAuthorizedCronRequest } from "@/lib/retention/cron-auth";

// Seconds Vercel lets this function run; delivery stops claiming 15 s before it.
export const maxDuration = 60;

export const GET = route(async (ctx) => {
  if (!isAuthorizedCronRequest(ctx.request.headers.get("authorization"), env().CRON_SECRET)) {
    throw new ApiError("unauthorized", "A valid CRON_SECRET bearer token is required.");
  }
  const db = await getDb();
  await evaluateRefusalRules(db);
  const result = await deliverDueAlerts(db, { budgetMs: (maxDuration - 15) * 1000 });
  await pruneAlertHistory(db);
  await pruneIngestOutcomes(db);
  return json(ctx, 200, result);
});
