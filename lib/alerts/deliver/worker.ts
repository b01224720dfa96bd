import { sql } from "drizzle-orm";
import type { DeliveryFacts } from "@/lib/alerts/facts";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import type { AlertChannelKind } from "@/lib/db/schema/alerts";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { SmtpNotConfigured, sendEmail } from "./email";
import { type OutboundAnswer, parseTargetUrl, postOutbound, RefusedTarget } from "./outbound";
import { type MessageContext, slackBody, webhookBody } from "./payload";
import { webhookHeaders } from "./sign";

// The outbox worker (docs/alerts.md → Delivery): claims due messages (FOR UPDATE SKIP LOCKED,
// so several processes or cron runs never take the same row), sends each with a deadline,
// and records the answer. A claim is a lease: next_attempt_at moves past the attempt, so a
// message whose worker died is due again then, and is sent again with the same webhook-id
// (at least once). Failures retry with backoff; Retry-After is honoured.

const leaseMs = 2 * 60_000;
/** Waits after the 1st, 2nd, … failed attempt; after the last, the message has failed. */
export const retryDelaysMs = [10, 30, 120, 300, 900, 1800, 3600, 7200].map((s) => s * 1000);
const maxRetryAfterMs = 3600_000;
const timeoutMs = 10_000;

interface Claimed {
  id: string;
  kind: string;
  facts: DeliveryFacts;
  attempts: number;
  createdAt: Date;
  channelKind: AlertChannelKind;
  url: string | null;
  secret: string | null;
  projectId: string;
  projectName: string;
  ruleId: string | null;
  ruleName: string | null;
}

export interface DeliveryRun {
  sent: number;
  retrying: number;
  failed: number;
}

/** Delivers what is due at `now`, in batches, until none is left or the budget is spent. */
export async function deliverDueAlerts(
  db: Db,
  { now, budgetMs = 30_000, batch = 20 }: { now?: Date; budgetMs?: number; batch?: number },
): Promise<DeliveryRun> {
  const run: DeliveryRun = { sent: 0, retrying: 0, failed: 0 };
  const started = Date.now();
  while (Date.now() - started < budgetMs) {
    const at = now ?? new Date();
    const claimed = await claim(db, at, batch);
    if (claimed.length === 0) break;
    await Promise.all(claimed.map((message) => deliverOne(db, message, at, run)));
    if (claimed.length < batch) break;
  }
  if (run.sent + run.retrying + run.failed > 0) logger.info({ ...run }, "alert delivery run");
  return run;
}

async function claim(db: Db, now: Date, limit: number): Promise<Claimed[]> {
  const ids = await queryRows<{ id: string }>(
    db,
    sql`
      with due as (
        select id from alert_deliveries
        where state in ('pending', 'retrying') and next_attempt_at <= ${now.toISOString()}::timestamptz
        order by next_attempt_at limit ${limit}
        for update skip locked
      )
      update alert_deliveries d
      set next_attempt_at = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz,
          attempts = d.attempts + 1
      from due where d.id = due.id
      returning d.id`,
  );
  if (ids.length === 0) return [];
  const list = `{${ids.map((r) => `"${r.id}"`).join(",")}}`;
  return queryRows<Claimed>(
    db,
    sql`
      select d.id, d.kind, d.facts, d.attempts, d.created_at as "createdAt",
             c.kind as "channelKind", c.url, c.secret,
             p.id as "projectId", p.name as "projectName",
             r.id as "ruleId", r.name as "ruleName"
      from alert_deliveries d
      join alert_channels c on c.id = d.channel_id
      join projects p on p.id = d.project_id
      left join alert_rules r on r.id = d.rule_id
      where d.id = any(${list}::text[])`,
  );
}

function context(message: Claimed): MessageContext {
  return {
    id: message.id,
    facts: typeof message.facts === "string" ? JSON.parse(message.facts) : message.facts,
    project: { id: message.projectId, name: message.projectName },
    rule: message.ruleId ? { id: message.ruleId, name: message.ruleName ?? "" } : null,
    publicUrl: env().LOGWELL_PUBLIC_URL?.replace(/\/+$/, ""),
    createdAt: new Date(message.createdAt),
  };
}

/** Sends the message through its channel: an email, or a POST to the channel's URL. */
function send(db: Db, message: Claimed, now: Date): Promise<OutboundAnswer> {
  const ctx = context(message);
  if (message.channelKind === "email") return sendEmail(db, ctx);
  const url = parseTargetUrl(message.url ?? "");
  const options = {
    allowPrivate: env().LOGWELL_ALERTS_ALLOW_PRIVATE_TARGETS === "true",
    timeoutMs,
  };
  if (message.channelKind === "slack") return postOutbound(url, slackBody(ctx), {}, options);
  const body = webhookBody(ctx);
  const headers = webhookHeaders(message.secret ?? "", message.id, body, now);
  return postOutbound(url, body, headers, options);
}

async function deliverOne(db: Db, message: Claimed, now: Date, run: DeliveryRun): Promise<void> {
  let answer: OutboundAnswer | undefined;
  let error: string | undefined;
  let final = false;
  try {
    answer = await send(db, message, now);
    if (answer.status >= 300 && answer.status < 400) {
      error = "Redirects are not followed.";
      final = true;
    }
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
    final = err instanceof RefusedTarget || err instanceof SmtpNotConfigured;
  }
  const ok = answer !== undefined && error === undefined && answer.status < 300;
  const status = answer?.status ?? null;
  const text = (error ?? answer?.snippet ?? "").slice(0, 300);
  if (ok) {
    run.sent++;
    await db.execute(sql`
      update alert_deliveries set state = 'sent', sent_at = ${now.toISOString()}::timestamptz,
        last_status = ${status}, last_answer = ${text}
      where id = ${message.id}`);
    return;
  }
  const delay = retryDelaysMs[message.attempts - 1];
  if (final || delay === undefined) {
    run.failed++;
    await db.execute(sql`
      update alert_deliveries set state = 'failed', last_status = ${status}, last_answer = ${text}
      where id = ${message.id}`);
    return;
  }
  const retryAfterMs =
    answer?.retryAfterSeconds != null
      ? Math.min(answer.retryAfterSeconds * 1000, maxRetryAfterMs)
      : 0;
  run.retrying++;
  await db.execute(sql`
    update alert_deliveries set state = 'retrying', last_status = ${status}, last_answer = ${text},
      next_attempt_at = ${new Date(now.getTime() + Math.max(delay, retryAfterMs)).toISOString()}::timestamptz
    where id = ${message.id}`);
}
