import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { issueActivity } from "@/lib/db/schema/issues";
import { ApiError } from "@/lib/http/errors";
import { pgArray } from "@/lib/logs/conditions";
import type { IssueChange } from "./changes";
import { type IssueDto, type IssueReadRow, issueColumns, toIssueDto } from "./dto";
import { projectNewestRelease } from "./newest-release";

// Status changes (contract "Issues", lifecycle): one UPDATE for one issue or a page of them,
// and one issue_activity row per changed issue naming who did it, in one transaction. Every
// change clears `regressed` (a regression is over once someone decides about the issue) and
// whatever the previous status had set, so the row never holds a resolution and an ignore at
// once. Callers check access first (lib/issues/access.ts).

/** Who changes: a signed-in user, or an admin token (its id goes into the activity details). */
export interface IssueActor {
  userId: string | null;
  tokenId?: string;
}

/** The SET list for a change; ignore bases are the counts at the moment of the change. */
function setClause(change: IssueChange, now: string, afterRelease: string | null): SQL {
  const resolved = change.action === "resolved";
  const ignored = change.action === "ignored";
  const until = ignored && change.until ? JSON.stringify(change.until) : null;
  return sql`status = ${change.action}, regressed = false, status_changed_at = ${now}::timestamptz,
    resolved_at = ${resolved ? now : null}::timestamptz,
    resolved_in_release = ${resolved && change.in === "release" ? change.release : null}::text,
    resolved_after_release = ${afterRelease}::text,
    ignore_until = ${until}::jsonb,
    ignore_events_base = ${ignored ? sql`event_count` : sql`NULL`},
    ignore_users_base = ${ignored ? sql`user_count` : sql`NULL`}`;
}

function activityDetails(change: IssueChange, afterRelease: string | null, actor: IssueActor) {
  const details: Record<string, unknown> = {};
  if (change.action === "resolved" && change.in === "release") details.in_release = change.release;
  if (change.action === "resolved" && change.in === "next_release") {
    details.in_next_release = true;
    details.after_release = afterRelease;
  }
  if (change.action === "ignored") details.until = change.until;
  if (actor.tokenId) details.token_id = actor.tokenId;
  return Object.keys(details).length > 0 ? details : null;
}

/**
 * Applies `change` to the issues `ids` of `projectId` that have events; returns them as DTOs
 * (ids that are not such issues are left out). "In the next release" needs a release: a
 * project that never reported one is 400 `invalid_request`, nothing changed.
 */
export async function changeIssues(
  db: Db,
  projectId: string,
  ids: readonly bigint[],
  change: IssueChange,
  actor: IssueActor,
  now: Date = new Date(),
): Promise<IssueDto[]> {
  if (ids.length === 0) return [];
  let afterRelease: string | null = null;
  if (change.action === "resolved" && change.in === "next_release") {
    afterRelease = await projectNewestRelease(db, projectId);
    if (afterRelease === null) {
      throw new ApiError(
        "invalid_request",
        "No release seen in this project yet: resolve now or in a named release.",
      );
    }
  }
  const at = now.toISOString();
  const rows = await db.transaction(async (tx) => {
    const updated = await queryRows<IssueReadRow>(
      tx as unknown as Db,
      sql`UPDATE issues AS i SET ${setClause(change, at, afterRelease)}
          WHERE i.id IN (
            -- Rows locked in id order, as ingest's counter updates lock them: no deadlock.
            SELECT id FROM issues WHERE id = ANY(${pgArray(ids.map(String))}::bigint[])
              AND project_id = ${projectId}::uuid AND event_count > 0
            ORDER BY id FOR UPDATE)
          RETURNING ${issueColumns}`,
    );
    if (updated.length > 0) {
      const details = activityDetails(change, afterRelease, actor);
      await tx.insert(issueActivity).values(
        updated.map((row) => ({
          issueId: BigInt(row.id),
          at: now,
          userId: actor.userId,
          action: change.action,
          details,
        })),
      );
    }
    return updated;
  });
  return rows.map((row) => toIssueDto(row, now));
}
