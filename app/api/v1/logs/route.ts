// POST /api/v1/logs — public ingest with an ingest key (docs/api.md, "Ingest"); OPTIONS — CORS
// preflight; GET — the admin list API.
export { postLogs as POST, preflightLogs as OPTIONS } from "@/lib/ingest/handlers";
export { GET } from "./get";
