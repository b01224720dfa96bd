// GET /api/v1/logs/export — streamed CSV / NDJSON / JSON download of the filtered events.
import { withRequestContext } from "@/lib/http/request-context";
import { handleExportLogs } from "@/lib/logs/api";

export const GET = (request: Request) =>
  withRequestContext(request, (ctx) => handleExportLogs(ctx));
