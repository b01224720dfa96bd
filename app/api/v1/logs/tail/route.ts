// GET /api/v1/logs/tail — live tail by polling: events after the cursor, oldest first.
import { route } from "@/lib/http/route";
import { handleTailLogs } from "@/lib/logs/api";

export const GET = route(handleTailLogs);
