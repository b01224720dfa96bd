// GET /api/v1/logs/tail — live tail by polling: events after the cursor, oldest first.
import { withRequestContext } from "@/lib/http/request-context";
import { handleTailLogs } from "@/lib/logs/api";

export const GET = (request: Request) => withRequestContext(request, (ctx) => handleTailLogs(ctx));
