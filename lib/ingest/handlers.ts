// The ingest endpoints: POST stores events, OPTIONS answers the CORS preflight. Served through
// Next by their route files (app/api/v1/logs/route.ts, app/api/otlp/v1/logs/route.ts,
// app/api/[number]/envelope/ and store/), and by `npm start`'s direct lane without Next
// (lib/http/direct-lane/routes.ts): the same code either way. Each protocol answers its
// refusals in its own shape (protocols/).
import type { ContextHandler, RequestContext } from "@/lib/http/request-context";
import { ingest, ingestLogs } from "./ingest";
import { otlpProtocol } from "./protocols/otlp";
import { sentryEnvelopeProtocol, sentryStoreProtocol } from "./protocols/sentry";
import { ingestPreflight } from "./request/preflight";

export const logsEndpoint = {
  POST: (ctx: RequestContext) => ingestLogs(ctx),
  OPTIONS: (ctx: RequestContext) => ingestPreflight(ctx),
} satisfies Record<string, ContextHandler>;

export const otlpLogsEndpoint = {
  POST: (ctx: RequestContext) => ingest(ctx, otlpProtocol),
  OPTIONS: (ctx: RequestContext) =>
    ingestPreflight(ctx).catch((err: unknown) => otlpProtocol.errorResponse(ctx, err)),
} satisfies Record<string, ContextHandler>;

// Sentry SDKs (docs/api.md → Sentry). A preflight may carry the key as ?sentry_key=.
export const sentryEnvelopeEndpoint = {
  POST: (ctx: RequestContext) => ingest(ctx, sentryEnvelopeProtocol),
  OPTIONS: (ctx: RequestContext) => ingestPreflight(ctx),
} satisfies Record<string, ContextHandler>;

export const sentryStoreEndpoint = {
  POST: (ctx: RequestContext) => ingest(ctx, sentryStoreProtocol),
  OPTIONS: (ctx: RequestContext) => ingestPreflight(ctx),
} satisfies Record<string, ContextHandler>;
