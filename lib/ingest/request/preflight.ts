import { getDb } from "@/lib/db/client";
import type { Db } from "@/lib/db/open";
import { clientIp } from "@/lib/http/client-ip";
import { corsPreflightHeaders, isOriginAllowed, requestOrigin } from "@/lib/http/cors";
import { ApiError } from "@/lib/http/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { addHeaders } from "@/lib/ingest/ingest";
import { logger } from "@/lib/log";
import { enforceKeyLookupLimit } from "@/lib/ratelimit/ingest";
import { scheduleOutcomeFlush } from "../accounting/schedule";
import { countOutcome } from "../accounting/tally";
import { authenticateIngestKey, type IngestProject } from "./keys";

// OPTIONS /api/v1/logs. A preflight carries no custom header, so the key is known only when
// the page put it in the URL (?key=). Then the project's allow-list decides; otherwise, and
// for an unknown key or a database hiccup, the preflight passes and the POST itself decides
// (403 origin_not_allowed, 401, 503): a preflight never stores anything, so passing is safe.
// Its lookups count against the caller's key-lookup limit too (threat AUTH-1: 403 against 204
// would otherwise tell a key guesser which keys exist); past it, the preflight passes unasked.

export async function ingestPreflight(ctx: RequestContext, options: { db?: Db } = {}) {
  const origin = requestOrigin(ctx.request.headers);
  // ?key= (native, OTLP) or ?sentry_key= (Sentry SDKs put their key in the URL).
  const query = new URL(ctx.request.url).searchParams;
  const key = query.get("key") ?? query.get("sentry_key");
  if (origin && key) {
    const project = await keyProject(key, ctx, options.db);
    if (project && !isOriginAllowed(origin, project.allowedOrigins)) {
      // The browser will not send the POST: ingest health counts the refusal here.
      countOutcome(project.id, "origin_not_allowed", 1, origin);
      scheduleOutcomeFlush();
      throw new ApiError("origin_not_allowed", "This origin may not send to this project.");
    }
  }
  addHeaders(ctx.headers, { allow: "POST, OPTIONS" });
  if (origin) addHeaders(ctx.headers, corsPreflightHeaders(origin));
  ctx.headers.set("x-request-id", ctx.requestId);
  return new Response(null, { status: 204, headers: ctx.headers });
}

async function keyProject(
  key: string,
  ctx: RequestContext,
  given?: Db,
): Promise<IngestProject | undefined> {
  try {
    const db = given ?? (await getDb());
    const lookupLimit = () => enforceKeyLookupLimit(clientIp(ctx.request, ctx.peerIp));
    return (await authenticateIngestKey(db, key, Date.now(), lookupLimit)).project;
  } catch (err) {
    if (!(err instanceof ApiError)) logger.warn({ err }, "ingest preflight: key lookup failed");
    return undefined;
  }
}
