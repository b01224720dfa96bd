// POST /api/v1/projects/{id}/alerts/rules/{ruleId}/test — a test message through its channel (admin)
import { handleSendTest } from "@/lib/alerts/api";
import { route } from "@/lib/http/route";

type Params = { projectId: string; ruleId: string };

export const POST = route((ctx, { projectId, ruleId }: Params) =>
  handleSendTest(ctx, projectId, ruleId),
);
