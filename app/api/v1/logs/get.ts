// GET /api/v1/logs — list events newest first with filters and a signed cursor (read API).
import { withRequestContext } from "@/lib/http/request-context";
import { handleListLogs } from "@/lib/logs/api";

export const GET = (request: Request) => withRequestContext(request, (ctx) => handleListLogs(ctx));
