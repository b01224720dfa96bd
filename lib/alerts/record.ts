import { sql } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import type { RunSql } from "@/lib/db/query";
import type { AlertTrigger, IssueTrigger } from "@/lib/db/schema/alerts";
import { levelName } from "@/lib/db/schema/logs";
import { textArrayLiteral } from "@/lib/ingest/store/pg-array";
import type { StatusRow } from "@/lib/issues/ingest/counters";
import type { IssueDelta } from "@/lib/issues/ingest/delta";
import type { DeliveryFacts, IssueFacts } from "./facts";
import { nudgeAlertDelivery } from "./schedule";

// Alert triggers at ingest (docs/alerts.md): in the transaction that commits the events, the
// issues it created or regressed are matched against the project's enabled rules, and each
// message goes to the outbox (alert_deliveries); delivery happens later (deliver/worker.ts).
// Nothing runs when the commit created and regressed nothing (almost every commit), and one
// indexed read finds no rule when the project has none.

export const budgetWindowMs = 10 * 60_000;

interface Triggered {
  trigger: IssueTrigger;
  delta: IssueDelta;
  events: number;
  users: number;
}

interface RuleRow {
  id: string;
  projectId: string;
  channelId: string;
  trigger: AlertTrigger;
  minLevel: number;
  environment: string | null;
  release: string | null;
  actionIntervalMinutes: number;
  budgetPerWindow: number;
  windowStart: number | null;
  windowSent: number;
}

interface Message {
  id: string;
  projectId: string;
  ruleId: string;
  channelId: string;
  kind: string;
  issueId: string | null;
  facts: DeliveryFacts;
  dueAt: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

export async function recordAlerts(
  run: RunSql,
  deltas: readonly IssueDelta[],
  found: {
    created: readonly string[];
    regressed: readonly string[];
    statuses: readonly StatusRow[];
  },
  now = Date.now(),
): Promise<void> {
  if (found.created.length === 0 && found.regressed.length === 0) return;
  const triggered = triggeredIssues(deltas, found);
  if (triggered.length === 0) return;
  const projects = [...new Set(triggered.map((t) => t.delta.projectId))].sort();
  // Locked: two commits of one project count the rule's budget one after the other.
  const rules = await run<RuleRow>(sql`
    select id, project_id as "projectId", channel_id as "channelId", trigger,
           min_level as "minLevel", environment, release,
           action_interval_minutes as "actionIntervalMinutes",
           budget_per_window as "budgetPerWindow",
           (extract(epoch from window_start) * 1000)::float8 as "windowStart",
           window_sent as "windowSent"
    from alert_rules
    where project_id = any(${textArrayLiteral(projects, (p) => p)}::uuid[]) and enabled
    order by id for update`);
  if (rules.length === 0) return;
  const messages: Message[] = [];
  for (const rule of rules) {
    const matching = triggered.filter((t) => matches(rule, t));
    if (matching.length === 0) continue;
    const fresh = await outsideActionInterval(run, rule, matching, now);
    if (fresh.length === 0) continue;
    messages.push(...(await spendBudget(run, rule, fresh, now)));
  }
  if (messages.length === 0) return;
  await insertMessages(run, messages);
  nudgeAlertDelivery();
}

function triggeredIssues(
  deltas: readonly IssueDelta[],
  found: {
    created: readonly string[];
    regressed: readonly string[];
    statuses: readonly StatusRow[];
  },
): Triggered[] {
  const byId = new Map(deltas.map((d) => [d.id, d]));
  const counts = new Map(found.statuses.map((s) => [s.id, s]));
  const out: Triggered[] = [];
  for (const id of found.created) {
    const delta = byId.get(id);
    if (delta)
      out.push({ trigger: "new_issue", delta, events: delta.events, users: delta.users.length });
  }
  for (const id of found.regressed) {
    const delta = byId.get(id);
    const row = counts.get(id);
    if (delta && row) {
      out.push({ trigger: "regression", delta, events: row.eventCount, users: row.userCount });
    }
  }
  return out;
}

function matches(rule: RuleRow, t: Triggered): boolean {
  return (
    t.trigger === rule.trigger &&
    t.delta.projectId === rule.projectId &&
    t.delta.level >= rule.minLevel &&
    (rule.environment === null || t.delta.environments.includes(rule.environment)) &&
    (rule.release === null || t.delta.releases.includes(rule.release))
  );
}

/** The issues this rule has not told about within its action interval; marks them told now. */
async function outsideActionInterval(
  run: RunSql,
  rule: RuleRow,
  matching: readonly Triggered[],
  now: number,
): Promise<Triggered[]> {
  const ids = matching.map((t) => t.delta.id);
  const recent = await run<{ id: string }>(sql`
    select issue_id::text as id from alert_rule_issues
    where rule_id = ${rule.id} and issue_id = any(${textArrayLiteral(ids, (i) => i)}::bigint[])
      and last_at > ${iso(now - rule.actionIntervalMinutes * 60_000)}::timestamptz`);
  const skip = new Set(recent.map((r) => r.id));
  const fresh = matching.filter((t) => !skip.has(t.delta.id));
  if (fresh.length === 0) return fresh;
  await run(sql`
    insert into alert_rule_issues (rule_id, issue_id, last_at)
    select ${rule.id}, id, ${iso(now)}::timestamptz
    from unnest(${textArrayLiteral(fresh, (t) => t.delta.id)}::bigint[]) as f(id) order by id
    on conflict (rule_id, issue_id) do update set last_at = excluded.last_at`);
  return fresh;
}

/**
 * One message per issue while the rule's 10-minute window has budget; the rest of the window
 * is counted into one summary message, due when the window ends (a storm of new issues is at
 * most budget + 1 messages per window).
 */
async function spendBudget(
  run: RunSql,
  rule: RuleRow,
  fresh: readonly Triggered[],
  now: number,
): Promise<Message[]> {
  const expired = rule.windowStart === null || now - rule.windowStart >= budgetWindowMs;
  const windowStart = expired ? now : Math.floor(rule.windowStart as number);
  let sent = expired ? 0 : rule.windowSent;
  const messages: Message[] = [];
  const rolled: Triggered[] = [];
  for (const t of fresh) {
    if (sent >= rule.budgetPerWindow) {
      rolled.push(t);
      continue;
    }
    sent++;
    messages.push({
      id: `msg_${uuidv7()}`,
      projectId: rule.projectId,
      ruleId: rule.id,
      channelId: rule.channelId,
      kind: t.trigger,
      issueId: t.delta.id,
      facts: { kind: t.trigger, issue: issueFacts(t) },
      dueAt: now,
    });
  }
  await run(sql`
    update alert_rules set window_start = ${iso(windowStart)}::timestamptz, window_sent = ${sent}
    where id = ${rule.id}`);
  if (rolled.length > 0) await addToSummary(run, rule, rolled, windowStart);
  return messages;
}

/** The window's summary: one row per rule and window (its id says which), counts added. */
async function addToSummary(
  run: RunSql,
  rule: RuleRow,
  rolled: readonly Triggered[],
  windowStart: number,
): Promise<void> {
  const facts: DeliveryFacts = {
    kind: "summary",
    count: rolled.length,
    samples: rolled.slice(0, 5).map((t) => t.delta.title.slice(0, 200)),
    windowStart: iso(windowStart),
  };
  await run(sql`
    insert into alert_deliveries
      (id, project_id, rule_id, channel_id, kind, facts, next_attempt_at)
    values (${`msg_sum_${rule.id}_${windowStart}`}, ${rule.projectId}, ${rule.id},
            ${rule.channelId}, 'summary', ${JSON.stringify(facts)}::jsonb,
            ${iso(windowStart + budgetWindowMs)}::timestamptz)
    on conflict (id) do update set facts = jsonb_set(alert_deliveries.facts, '{count}',
      to_jsonb((alert_deliveries.facts->>'count')::int + ${rolled.length}::int))
    where alert_deliveries.state = 'pending'`);
}

function issueFacts(t: Triggered): IssueFacts {
  const d = t.delta;
  return {
    id: d.id,
    title: d.title,
    culprit: d.culprit,
    level: levelName(d.level),
    events: t.events,
    users: t.users,
    release: d.lastRelease,
    environment: d.environments[0] ?? null,
    firstSeen: iso(d.firstSeen),
    lastSeen: iso(d.lastSeen),
  };
}

async function insertMessages(run: RunSql, messages: readonly Message[]): Promise<void> {
  await run(sql`
    insert into alert_deliveries
      (id, project_id, rule_id, channel_id, kind, issue_id, facts, next_attempt_at)
    select * from unnest(
      ${textArrayLiteral(messages, (m) => m.id)}::text[],
      ${textArrayLiteral(messages, (m) => m.projectId)}::uuid[],
      ${textArrayLiteral(messages, (m) => m.ruleId)}::uuid[],
      ${textArrayLiteral(messages, (m) => m.channelId)}::uuid[],
      ${textArrayLiteral(messages, (m) => m.kind)}::text[],
      ${textArrayLiteral(messages, (m) => m.issueId)}::bigint[],
      ${textArrayLiteral(messages, (m) => JSON.stringify(m.facts))}::jsonb[],
      ${textArrayLiteral(messages, (m) => iso(m.dueAt))}::timestamptz[])`);
}
