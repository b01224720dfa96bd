// GET /api/cron/prune — retention run for Vercel Cron (Authorization: Bearer $CRON_SECRET)
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/http/errors";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { isAuthorizedCronRequest } from "@/lib/retention/cron-auth";
import { runScheduledPrune } from "@/lib/retention/scheduled";

// Seconds Vercel lets this function run; the prune stops starting batches 10 s before it.
export const maxDuration = 60;

export const GET = route(async (ctx) => {
  // Checked here, not in proxy.ts: the route must refuse on its own (threat CRON-5).
  if (!isAuthorizedCronRequest(ctx.request.headers.get("authorization"), env().CRON_SECRET)) {
    throw new ApiError("unauthorized", "A valid CRON_SECRET bearer token is required.");
  }
  const result = await runScheduledPrune(await getDb(), "cron", (maxDuration - 10) * 1000);
  return json(ctx, 200, result);
});
