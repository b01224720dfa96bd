import { sql } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import type { Db } from "@/lib/db/open";
import { type RunSql, runOn } from "@/lib/db/query";
import { integerArrayLiteral, textArrayLiteral } from "@/lib/ingest/store/pg-array";
import type { RefusalFacts } from "./facts";
import { nudgeAlertDelivery } from "./schedule";

// The trigger "refused or dropped events over N in M minutes" (docs/alerts.md): a rule is
// firing while the project's refused and client-dropped events (ingest_outcomes, every outcome
// but accepted) in the last M minutes are more than N. A message is recorded when that state
// changes, firing or recovered, once per change, in the transaction that changes it: by the
// ingest-health flush that wrote the counts (lib/ingest/accounting/flush.ts) for its projects,
// and by the alert timer and cron for every rule (a window sliding past the refusals recovers
// without any new count). Never on the ingest path.

interface RuleRow {
  id: string;
  projectId: string;
  channelId: string;
  threshold: number;
  windowMinutes: number;
  firing: boolean;
}

interface OutcomeSum {
  id: string;
  outcome: string;
  events: number;
  example: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Evaluates the enabled ingest_refused rules (of `projectIds` when given) at `now` and records a
 * message for each whose state changed. Runs inside the caller's transaction; true when it
 * recorded any.
 */
export async function recordRefusalAlerts(
  run: RunSql,
  scope: { projectIds?: readonly string[] },
  now = Date.now(),
): Promise<boolean> {
  const { projectIds } = scope;
  if (projectIds?.length === 0) return false;
  const onlyThese = projectIds
    ? sql`and project_id = any(${textArrayLiteral(projectIds, (p) => p)}::uuid[])`
    : sql``;
  // Locked: two evaluations of one rule (a flush and the timer, two processes) take turns, so
  // the second sees the first's state and a change is told once.
  const rules = await run<RuleRow>(sql`
    select id, project_id as "projectId", channel_id as "channelId", threshold,
           window_minutes as "windowMinutes", firing
    from alert_rules
    where trigger = 'ingest_refused' and enabled ${onlyThese}
    order by id for update`);
  if (rules.length === 0) return false;
  const minute = now - (now % 60_000);
  const sums = await run<OutcomeSum>(sql`
    select r.id, o.outcome, sum(o.events)::float8 as events,
           (array_agg(o.example order by o.minute desc) filter (where o.example is not null))[1]
             as example
    from unnest(
      ${textArrayLiteral(rules, (r) => r.id)}::uuid[],
      ${textArrayLiteral(rules, (r) => r.projectId)}::uuid[],
      ${integerArrayLiteral(rules, (r) => r.windowMinutes)}::int[]
    ) as r(id, project_id, window_minutes)
    join ingest_outcomes o on o.project_id = r.project_id and o.outcome <> 'accepted'
      and o.minute >= ${iso(minute)}::timestamptz - (r.window_minutes - 1) * interval '1 minute'
    group by r.id, o.outcome`);
  let recorded = false;
  for (const rule of rules) {
    const outcomes = sums
      .filter((s) => s.id === rule.id)
      .sort((a, b) => b.events - a.events || a.outcome.localeCompare(b.outcome));
    const events = outcomes.reduce((total, s) => total + s.events, 0);
    const firing = events > rule.threshold;
    if (firing === rule.firing) continue;
    const facts: RefusalFacts = {
      kind: firing ? "ingest_refused" : "ingest_recovered",
      events,
      threshold: rule.threshold,
      windowMinutes: rule.windowMinutes,
      outcomes: outcomes.slice(0, 10).map((s) => ({ outcome: s.outcome, events: s.events })),
      example: outcomes[0]?.example ?? null,
    };
    await run(sql`update alert_rules set firing = ${firing} where id = ${rule.id}`);
    await run(sql`
      insert into alert_deliveries
        (id, project_id, rule_id, channel_id, kind, facts, next_attempt_at)
      values (${`msg_${uuidv7()}`}, ${rule.projectId}, ${rule.id}, ${rule.channelId},
              ${facts.kind}, ${JSON.stringify(facts)}::jsonb, ${iso(now)}::timestamptz)`);
    recorded = true;
  }
  return recorded;
}

/** Every rule, in a transaction of its own (the alert timer and cron). */
export async function evaluateRefusalRules(db: Db, now = Date.now()): Promise<boolean> {
  const recorded = await db.transaction((tx) => recordRefusalAlerts(runOn(tx), {}, now));
  if (recorded) nudgeAlertDelivery();
  return recorded;
}
