// POST /api/v1/logs — public ingest with an ingest key (docs/api.md, "Ingest"); OPTIONS — CORS
// preflight; GET — the admin list API.
// Under `npm start`, POST and OPTIONS never reach this file: scripts/server.mjs hands them to the
// same handlers itself, bypassing Next's router (lib/http/direct-lane/). Vercel and `npm run dev`
// serve them here.
import { route } from "@/lib/http/route";
import { logsEndpoint } from "@/lib/ingest/handlers";

export const POST = route(logsEndpoint.POST);
export const OPTIONS = route(logsEndpoint.OPTIONS);
export { GET } from "./get";
