// PATCH /api/v1/projects/{id}/alerts/rules/{ruleId} — change a rule; DELETE — remove it (admin)
import { handleDeleteRule, handleUpdateRule } from "@/lib/alerts/api";
import { route } from "@/lib/http/route";

type Params = { projectId: string; ruleId: string };

export const PATCH = route((ctx, { projectId, ruleId }: Params) =>
  handleUpdateRule(ctx, projectId, ruleId),
);

export const DELETE = route((ctx, { projectId, ruleId }: Params) =>
  handleDeleteRule(ctx, projectId, ruleId),
);
