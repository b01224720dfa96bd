// POST /api/v1/projects/{id}/alerts/channels — a webhook or Slack channel (admin; a webhook's secret once)
import { handleCreateChannel } from "@/lib/alerts/api";
import { route } from "@/lib/http/route";

type Params = { projectId: string };

export const POST = route((ctx, { projectId }: Params) => handleCreateChannel(ctx, projectId));
