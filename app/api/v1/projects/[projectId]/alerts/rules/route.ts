// POST /api/v1/projects/{id}/alerts/rules — a new alert rule (admin)
import { handleCreateRule } from "@/lib/alerts/api";
import { route } from "@/lib/http/route";

type Params = { projectId: string };

export const POST = route((ctx, { projectId }: Params) => handleCreateRule(ctx, projectId));
