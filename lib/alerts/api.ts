import { requireRole, requireVisibleProject } from "@/lib/auth/access";
import { requireApiPrincipal } from "@/lib/auth/principal";
import { getDb } from "@/lib/db/client";
import type { RequestContext } from "@/lib/http/request-context";
import { json } from "@/lib/http/respond";
import { parseJsonBody } from "@/lib/projects/request-body";
import {
  channelDto,
  createChannel,
  createRule,
  deleteChannel,
  deleteRule,
  deliveryDto,
  listChannels,
  listDeliveries,
  listRules,
  ruleDto,
  sendTestMessage,
  updateRule,
} from "./manage";
import { newChannelSchema, newRuleSchema, ruleChangeSchema } from "./schemas";

// /api/v1/projects/{id}/alerts/** (docs/api.md → Alerts): members read, admins change. Scope
// before role (a foreign project is 404 for everyone), role before the body.

async function authorize(ctx: RequestContext, projectId: string, change: boolean) {
  const principal = await requireApiPrincipal(ctx.request);
  const db = await getDb();
  const project = await requireVisibleProject(db, principal, projectId);
  if (change) requireRole(principal, "admin");
  return { db, projectId: project.id };
}

export async function handleGetAlerts(ctx: RequestContext, projectId: string) {
  const { db } = await authorize(ctx, projectId, false);
  const [channels, rules] = await Promise.all([
    listChannels(db, projectId),
    listRules(db, projectId),
  ]);
  return json(ctx, 200, { channels: channels.map(channelDto), rules: rules.map(ruleDto) });
}

export async function handleCreateChannel(ctx: RequestContext, projectId: string) {
  const { db } = await authorize(ctx, projectId, true);
  const body = await parseJsonBody(ctx.request, newChannelSchema);
  const { channel, secret } = await createChannel(db, projectId, body);
  // The webhook secret is in this answer only.
  return json(ctx, 201, { channel: channelDto(channel), secret });
}

export async function handleDeleteChannel(
  ctx: RequestContext,
  projectId: string,
  channelId: string,
) {
  const { db } = await authorize(ctx, projectId, true);
  await deleteChannel(db, projectId, channelId);
  return json(ctx, 200, { deleted: true });
}

export async function handleCreateRule(ctx: RequestContext, projectId: string) {
  const { db } = await authorize(ctx, projectId, true);
  const body = await parseJsonBody(ctx.request, newRuleSchema);
  return json(ctx, 201, { rule: ruleDto(await createRule(db, projectId, body)) });
}

export async function handleUpdateRule(ctx: RequestContext, projectId: string, ruleId: string) {
  const { db } = await authorize(ctx, projectId, true);
  const body = await parseJsonBody(ctx.request, ruleChangeSchema);
  return json(ctx, 200, { rule: ruleDto(await updateRule(db, projectId, ruleId, body)) });
}

export async function handleDeleteRule(ctx: RequestContext, projectId: string, ruleId: string) {
  const { db } = await authorize(ctx, projectId, true);
  await deleteRule(db, projectId, ruleId);
  return json(ctx, 200, { deleted: true });
}

export async function handleListDeliveries(ctx: RequestContext, projectId: string, ruleId: string) {
  const { db } = await authorize(ctx, projectId, false);
  const deliveries = await listDeliveries(db, projectId, ruleId);
  return json(ctx, 200, { deliveries: deliveries.map(deliveryDto) });
}

export async function handleSendTest(ctx: RequestContext, projectId: string, ruleId: string) {
  const { db } = await authorize(ctx, projectId, true);
  return json(ctx, 202, { delivery: deliveryDto(await sendTestMessage(db, projectId, ruleId)) });
}
