import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";

// The outbox keeps a delivery log, not an archive: sent and failed messages older than 30 days
// go, and so do action-interval marks older than the longest interval a rule may have (30
// days). Bounded per call; run hourly by the alert timer and by the alerts cron.

export const alertHistoryDays = 30;
const batch = 5000;

export async function pruneAlertHistory(db: Db, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - alertHistoryDays * 86_400_000).toISOString();
  const gone = await queryRows<{ n: number }>(
    db,
    sql`
      with old as (
        delete from alert_deliveries where id in (
          select id from alert_deliveries
          where state in ('sent', 'failed') and created_at < ${cutoff}::timestamptz
          limit ${batch})
        returning 1
      ),
      marks as (
        delete from alert_rule_issues where (rule_id, issue_id) in (
          select rule_id, issue_id from alert_rule_issues
          where last_at < ${cutoff}::timestamptz limit ${batch})
      )
      select count(*)::int as n from old`,
  );
  return gone[0]?.n ?? 0;
}
