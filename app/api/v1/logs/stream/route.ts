// GET /api/v1/logs/stream — live tail as server-sent events: the read API's filters, applied on
// the server; resumes from Last-Event-ID.
import { route } from "@/lib/http/route";
import { handleStreamLogs } from "@/lib/logs/api";

export const GET = route(handleStreamLogs);
