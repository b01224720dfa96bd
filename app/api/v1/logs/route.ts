// POST /api/v1/logs — public ingest with an ingest key (contract "Ingest"); OPTIONS — CORS preflight.
import { withRequestContext } from "@/lib/http/respond";
import { ingestLogs } from "@/lib/ingest/ingest";
import { ingestPreflight } from "@/lib/ingest/preflight";

export const POST = (request: Request) => withRequestContext(request, (ctx) => ingestLogs(ctx));
export const OPTIONS = (request: Request) =>
  withRequestContext(request, (ctx) => ingestPreflight(ctx));
export { GET } from "./get";
