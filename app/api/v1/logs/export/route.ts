// GET /api/v1/logs/export — streamed CSV / NDJSON / JSON download of the filtered events.
import { route } from "@/lib/http/route";
import { handleExportLogs } from "@/lib/logs/api";

export const GET = route(handleExportLogs);
