import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import type { IssueAction } from "@/lib/db/schema/issues";
import { withReadTimeout } from "@/lib/logs/read-transaction";

// The issue page's activity timeline: every status change, newest first, with who made it
// (Logwell itself for a regression or an ignore that ended; an admin token; a user since
// removed, whose rows keep a null user_id).

export const maxActivity = 100;

export interface ActivityEntry {
  id: string;
  at: string;
  action: IssueAction;
  /** Who, in words: the user's email, "Logwell", "an API token" or "a removed user". */
  by: string;
  details: Record<string, unknown> | null;
}

interface ActivityRow {
  id: string;
  at: string;
  action: IssueAction;
  email: string | null;
  user_id: string | null;
  details: Record<string, unknown> | null;
}

const systemActions: readonly IssueAction[] = ["regressed", "ignore_ended"];

function whoDid(row: ActivityRow): string {
  if (row.email) return row.email;
  if (systemActions.includes(row.action)) return "Logwell";
  if (row.details && "token_id" in row.details) return "an API token";
  return "a removed user";
}

/** The newest `maxActivity` changes of an issue already read in the caller's scope. */
export async function issueActivity(db: Db, issueId: string): Promise<ActivityEntry[]> {
  const rows = await withReadTimeout(db, (tx) =>
    queryRows<ActivityRow>(
      tx,
      sql`SELECT a.id::text AS id,
            to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at,
            a.action, a.user_id::text AS user_id, u.email, a.details
          FROM issue_activity a LEFT JOIN users u ON u.id = a.user_id
          WHERE a.issue_id = ${issueId}::bigint
          ORDER BY a.at DESC, a.id DESC
          LIMIT ${maxActivity}`,
    ),
  );
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    action: r.action,
    by: whoDid(r),
    details: r.details && typeof r.details === "object" ? r.details : null,
  }));
}
