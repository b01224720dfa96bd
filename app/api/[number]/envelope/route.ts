// POST /api/{number}/envelope/ — Sentry SDKs' envelopes, with or without the trailing slash
// (docs/api.md, "Sentry SDKs"); OPTIONS — CORS preflight. Under `npm start` the direct lane
// serves both without Next's router (lib/http/direct-lane/routes.ts).
import { route } from "@/lib/http/route";
import { sentryEnvelopeEndpoint } from "@/lib/ingest/handlers";

export const POST = route(sentryEnvelopeEndpoint.POST);
export const OPTIONS = route(sentryEnvelopeEndpoint.OPTIONS);
