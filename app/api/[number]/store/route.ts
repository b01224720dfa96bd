// POST /api/{number}/store/ — one Sentry event (older SDKs), with or without the trailing slash
// (docs/api.md, "Sentry SDKs"); OPTIONS — CORS preflight. Under `npm start` the direct lane
// serves both without Next's router (lib/http/direct-lane/routes.ts).
import { route } from "@/lib/http/route";
import { sentryStoreEndpoint } from "@/lib/ingest/handlers";

export const POST = route(sentryStoreEndpoint.POST);
export const OPTIONS = route(sentryStoreEndpoint.OPTIONS);
