// POST /api/otlp/v1/logs — OTLP/HTTP logs with an ingest key (docs/api.md, "OTLP"), so
// OTEL_EXPORTER_OTLP_ENDPOINT=https://<logwell>/api/otlp works; OPTIONS — CORS preflight.
// Under `npm start`, both never reach this file: the direct lane serves them with the same
// handlers (lib/http/direct-lane/routes.ts). Vercel and `npm run dev` serve them here.
import { route } from "@/lib/http/route";
import { otlpLogsEndpoint } from "@/lib/ingest/handlers";

export const POST = route(otlpLogsEndpoint.POST);
export const OPTIONS = route(otlpLogsEndpoint.OPTIONS);
