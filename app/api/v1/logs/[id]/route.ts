// GET /api/v1/logs/{id} — one event; foreign and missing ids are the same 404.
import { withRequestContext } from "@/lib/http/request-context";
import { handleGetLog } from "@/lib/logs/api";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return withRequestContext(request, (ctx) => handleGetLog(ctx, id));
}
