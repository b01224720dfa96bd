// The ingest endpoint: POST stores events, OPTIONS answers the CORS preflight. Served through
// Next by app/api/v1/logs/route.ts, and by `npm start`'s direct lane without Next
// (lib/http/direct-lane/routes.ts): the same code either way.
import type { ContextHandler, RequestContext } from "@/lib/http/request-context";
import { ingestLogs } from "./ingest";
import { ingestPreflight } from "./request/preflight";

export const logsEndpoint = {
  POST: (ctx: RequestContext) => ingestLogs(ctx),
  OPTIONS: (ctx: RequestContext) => ingestPreflight(ctx),
} satisfies Record<string, ContextHandler>;
