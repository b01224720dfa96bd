// GET /api/v1/projects/{id}/alerts — the project's alert channels and rules (members)
import { handleGetAlerts } from "@/lib/alerts/api";
import { route } from "@/lib/http/route";

type Params = { projectId: string };

export const GET = route((ctx, { projectId }: Params) => handleGetAlerts(ctx, projectId));
