import { and, desc, eq } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import { z } from "zod";
import type { Db } from "@/lib/db/open";
import {
  type AlertChannel,
  type AlertDelivery,
  type AlertRule,
  alertChannels,
  alertDeliveries,
  alertRules,
} from "@/lib/db/schema/alerts";
import { levelName, levelNumber } from "@/lib/db/schema/logs";
import { ApiError } from "@/lib/http/errors";
import { parseTargetUrl, RefusedTarget } from "./deliver/outbound";
import { newWebhookSecret } from "./deliver/sign";
import { nudgeAlertDelivery } from "./schedule";
import type { NewChannel, NewRule, RuleChange } from "./schemas";

// Channels, rules and the delivery log of one project (the caller checked scope and role).
// Channel URLs and webhook secrets are never read back: a URL can carry a token (Slack's
// does), and a secret is shown once, when the channel is created.

const notFound = (what: string) => new ApiError("not_found", `${what} not found.`);
/** A malformed id is a 404 like a missing one, never a database error. */
const isId = (id: string) => z.uuid().safeParse(id).success;

function checkedUrl(text: string): string {
  try {
    return parseTargetUrl(text).toString();
  } catch (err) {
    if (err instanceof RefusedTarget) throw new ApiError("invalid_request", err.message);
    throw err;
  }
}

export function channelDto(c: AlertChannel) {
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    // The host only: the path of a Slack URL is its secret. Email channels have none.
    host: c.url === null ? null : new URL(c.url).host,
    created_at: c.createdAt.toISOString(),
  };
}

export function ruleDto(r: AlertRule) {
  return {
    id: r.id,
    name: r.name,
    trigger: r.trigger,
    channel_id: r.channelId,
    enabled: r.enabled,
    min_level: levelName(r.minLevel),
    environment: r.environment,
    release: r.release,
    action_interval_minutes: r.actionIntervalMinutes,
    budget_per_window: r.budgetPerWindow,
    threshold: r.threshold,
    window_minutes: r.windowMinutes,
    firing: r.firing,
    created_at: r.createdAt.toISOString(),
  };
}

export function deliveryDto(d: AlertDelivery) {
  return {
    id: d.id,
    kind: d.kind,
    issue_id: d.issueId === null ? null : d.issueId.toString(),
    state: d.state,
    attempts: d.attempts,
    next_attempt_at:
      d.state === "pending" || d.state === "retrying" ? d.nextAttemptAt.toISOString() : null,
    last_status: d.lastStatus,
    last_answer: d.lastAnswer,
    sent_at: d.sentAt?.toISOString() ?? null,
    created_at: d.createdAt.toISOString(),
  };
}

export function listChannels(db: Db, projectId: string) {
  return db
    .select()
    .from(alertChannels)
    .where(eq(alertChannels.projectId, projectId))
    .orderBy(alertChannels.createdAt);
}

/** Creates a channel; a webhook's secret is in the answer, and only there. */
export async function createChannel(db: Db, projectId: string, body: NewChannel) {
  const secret = body.kind === "webhook" ? newWebhookSecret() : null;
  // Email channels mail the project's opted-in members: no URL to keep.
  let url: string | null = null;
  if (body.kind !== "email") {
    if (!body.url) throw new ApiError("invalid_request", "url is required for this kind.");
    url = checkedUrl(body.url);
  }
  const [channel] = await db
    .insert(alertChannels)
    .values({ projectId, kind: body.kind, name: body.name, url, secret })
    .returning();
  if (!channel) throw new Error("channel insert returned nothing");
  return { channel, secret };
}

export async function deleteChannel(db: Db, projectId: string, channelId: string) {
  if (!isId(channelId)) throw notFound("Channel");
  const gone = await db
    .delete(alertChannels)
    .where(and(eq(alertChannels.projectId, projectId), eq(alertChannels.id, channelId)))
    .returning({ id: alertChannels.id });
  if (gone.length === 0) throw notFound("Channel");
}

export function listRules(db: Db, projectId: string) {
  return db
    .select()
    .from(alertRules)
    .where(eq(alertRules.projectId, projectId))
    .orderBy(alertRules.createdAt);
}

async function requireChannel(db: Db, projectId: string, channelId: string) {
  const [channel] = await db
    .select({ id: alertChannels.id })
    .from(alertChannels)
    .where(and(eq(alertChannels.projectId, projectId), eq(alertChannels.id, channelId)));
  // A foreign channel reads as a bad body, never as "exists elsewhere".
  if (!channel)
    throw new ApiError("invalid_request", "channel_id is not a channel of this project.");
}

function ruleColumns(body: RuleChange) {
  return {
    ...(body.name !== undefined && { name: body.name }),
    ...(body.trigger !== undefined && { trigger: body.trigger }),
    ...(body.channel_id !== undefined && { channelId: body.channel_id }),
    ...(body.enabled !== undefined && { enabled: body.enabled }),
    ...(body.min_level !== undefined && { minLevel: levelNumber[body.min_level] }),
    ...(body.environment !== undefined && { environment: body.environment }),
    ...(body.release !== undefined && { release: body.release }),
    ...(body.action_interval_minutes !== undefined && {
      actionIntervalMinutes: body.action_interval_minutes,
    }),
    ...(body.budget_per_window !== undefined && { budgetPerWindow: body.budget_per_window }),
    ...(body.threshold !== undefined && { threshold: body.threshold }),
    ...(body.window_minutes !== undefined && { windowMinutes: body.window_minutes }),
  };
}

export async function createRule(db: Db, projectId: string, body: NewRule): Promise<AlertRule> {
  await requireChannel(db, projectId, body.channel_id);
  const [rule] = await db
    .insert(alertRules)
    .values({
      projectId,
      channelId: body.channel_id,
      name: body.name,
      trigger: body.trigger,
      ...ruleColumns(body),
    })
    .returning();
  if (!rule) throw new Error("rule insert returned nothing");
  return rule;
}

export async function getRule(db: Db, projectId: string, ruleId: string): Promise<AlertRule> {
  if (!isId(ruleId)) throw notFound("Rule");
  const [rule] = await db
    .select()
    .from(alertRules)
    .where(and(eq(alertRules.projectId, projectId), eq(alertRules.id, ruleId)));
  if (!rule) throw notFound("Rule");
  return rule;
}

export async function updateRule(db: Db, projectId: string, ruleId: string, body: RuleChange) {
  await getRule(db, projectId, ruleId);
  if (body.channel_id !== undefined) await requireChannel(db, projectId, body.channel_id);
  const columns = ruleColumns(body);
  if (Object.keys(columns).length === 0) return getRule(db, projectId, ruleId);
  const [rule] = await db
    .update(alertRules)
    .set(columns)
    .where(and(eq(alertRules.projectId, projectId), eq(alertRules.id, ruleId)))
    .returning();
  if (!rule) throw notFound("Rule");
  return rule;
}

export async function deleteRule(db: Db, projectId: string, ruleId: string) {
  if (!isId(ruleId)) throw notFound("Rule");
  const gone = await db
    .delete(alertRules)
    .where(and(eq(alertRules.projectId, projectId), eq(alertRules.id, ruleId)))
    .returning({ id: alertRules.id });
  if (gone.length === 0) throw notFound("Rule");
}

/** The rule's newest messages (the delivery log). */
export async function listDeliveries(db: Db, projectId: string, ruleId: string, limit = 50) {
  await getRule(db, projectId, ruleId);
  return db
    .select()
    .from(alertDeliveries)
    .where(eq(alertDeliveries.ruleId, ruleId))
    .orderBy(desc(alertDeliveries.createdAt))
    .limit(limit);
}

/** A test message through the rule's channel, in its log like any other. */
export async function sendTestMessage(db: Db, projectId: string, ruleId: string) {
  const rule = await getRule(db, projectId, ruleId);
  const [delivery] = await db
    .insert(alertDeliveries)
    .values({
      id: `msg_${uuidv7()}`,
      projectId,
      ruleId,
      channelId: rule.channelId,
      kind: "test",
      facts: { kind: "test" },
      // The worker compares due times with its own clock (JS), as ingest records them.
      nextAttemptAt: new Date(),
    })
    .returning();
  if (!delivery) throw new Error("delivery insert returned nothing");
  nudgeAlertDelivery();
  return delivery;
}
