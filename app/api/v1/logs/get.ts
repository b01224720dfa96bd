// GET /api/v1/logs — list events newest first with filters and a signed cursor (read API).
import { route } from "@/lib/http/route";
import { handleListLogs } from "@/lib/logs/api";

export const GET = route(handleListLogs);
