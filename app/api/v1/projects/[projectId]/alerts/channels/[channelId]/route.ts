// DELETE /api/v1/projects/{id}/alerts/channels/{channelId} — with its rules (admin)
import { handleDeleteChannel } from "@/lib/alerts/api";
import { route } from "@/lib/http/route";

type Params = { projectId: string; channelId: string };

export const DELETE = route((ctx, { projectId, channelId }: Params) =>
  handleDeleteChannel(ctx, projectId, channelId),
);
