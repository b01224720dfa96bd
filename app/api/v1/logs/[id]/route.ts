// GET /api/v1/logs/{id} — one event; foreign and missing ids are the same 404.
import { route } from "@/lib/http/route";
import { handleGetLog } from "@/lib/logs/api";

export const GET = route((ctx, { id }: { id: string }) => handleGetLog(ctx, id));
