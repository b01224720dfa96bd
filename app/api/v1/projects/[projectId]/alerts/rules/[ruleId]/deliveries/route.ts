// GET /api/v1/projects/{id}/alerts/rules/{ruleId}/deliveries — the rule's delivery log (members)
import { handleListDeliveries } from "@/lib/alerts/api";
import { route } from "@/lib/http/route";

type Params = { projectId: string; ruleId: string };

export const GET = route((ctx, { projectId, ruleId }: Params) =>
  handleListDeliveries(ctx, projectId, ruleId),
);
