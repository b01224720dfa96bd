import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import type { IngestOutcome } from "@/lib/db/schema/ingest-outcomes";

// What the ingest-health counts say (ingest_outcomes, lib/ingest/accounting/): a project's
// accepted and refused events per hour for its Health page, and the deployment's totals for
// /api/health and the status page. Bounded reads: at most `hours` × outcomes rows.

export interface OutcomeTotal {
  outcome: IngestOutcome;
  events: number;
  requests: number;
  /** The latest refused value seen for it (an origin, a content type), client-sent text. */
  example: string | null;
}

export interface HourOutcome {
  /** ISO start of the UTC hour. */
  hour: string;
  outcome: IngestOutcome;
  events: number;
}

const hourMs = 3600_000;

function since(hours: number, now: number): string {
  return new Date(now - (now % hourMs) - (hours - 1) * hourMs).toISOString();
}

/** The project's last `hours` hours (the current one included), per hour and outcome. */
export async function projectIngestHealth(
  db: Db,
  projectId: string,
  hours = 24,
  now = Date.now(),
): Promise<{ hours: HourOutcome[]; totals: OutcomeTotal[] }> {
  const from = since(hours, now);
  const [perHour, totals] = await Promise.all([
    queryRows<HourOutcome>(
      db,
      sql`
        select to_char(date_trunc('hour', minute at time zone 'UTC'),
                       'YYYY-MM-DD"T"HH24":00:00.000Z"') as hour,
               outcome, sum(events)::float8 as events
        from ingest_outcomes
        where project_id = ${projectId} and minute >= ${from}::timestamptz
        group by 1, 2 order by 1, 2`,
    ),
    outcomeTotals(db, sql`project_id = ${projectId} and minute >= ${from}::timestamptz`),
  ]);
  return { hours: perHour, totals };
}

/** Every project's and the deployment bucket's counts of the last `hours` hours. */
export function deploymentIngestTotals(db: Db, hours = 24, now = Date.now()) {
  return outcomeTotals(db, sql`minute >= ${since(hours, now)}::timestamptz`);
}

function outcomeTotals(db: Db, where: ReturnType<typeof sql>) {
  return queryRows<OutcomeTotal>(
    db,
    sql`
      select outcome, sum(events)::float8 as events, sum(requests)::float8 as requests,
             (array_agg(example order by minute desc) filter (where example is not null))[1]
               as example
      from ingest_outcomes where ${where}
      group by outcome order by sum(events) desc, outcome`,
  );
}

/** The refusal with the most events, if any: what the panel explains first. */
export function topRefusal(totals: readonly OutcomeTotal[]): OutcomeTotal | undefined {
  return totals.find((t) => t.outcome !== "accepted" && t.events > 0);
}
