import { requireRole, requireVisibleProject, visibleProjectIds } from "@/lib/auth/access";
import type { Principal } from "@/lib/auth/principal";
import type { Db } from "@/lib/db/open";
import { ApiError } from "@/lib/http/errors";
import type { IssueChange } from "./changes";
import type { IssueDto } from "./dto";
import type { IssueFilters, IssuePage } from "./filters";
import { readIssueRow } from "./get";
import { type IssueListPage, listIssues } from "./list";
import type { IssueScope } from "./scope";
import { parseIssueId } from "./scope";
import { changeIssues, type IssueActor } from "./update";

// Issues as a principal may see and change them: the API routes and the dashboard call these.
// Scope before role (contract "Issues"): an issue of a project the caller cannot see is the
// same 404 as a missing one, even when the caller could not change it anyway; then a viewer
// changing anything is 403. Bodies are read only after both checks (`Input` may be a reader).

type Input<T> = T | (() => Promise<T>);
const resolve = <T>(input: Input<T>): Promise<T> =>
  typeof input === "function" ? (input as () => Promise<T>)() : Promise.resolve(input);

const issueNotFound = () => new ApiError("not_found", "Issue not found.");

export function actorOf(principal: Principal): IssueActor {
  return principal.kind === "user"
    ? { userId: principal.id }
    : { userId: null, tokenId: principal.id };
}

/** The projects a principal's issue reads cover: one visible project (else 404), or all. */
export async function issueScopeFor(
  db: Db,
  principal: Principal,
  project?: string,
): Promise<IssueScope> {
  if (project) return { projectIds: [(await requireVisibleProject(db, principal, project)).id] };
  return { projectIds: await visibleProjectIds(db, principal) };
}

export async function listIssuesFor(
  db: Db,
  principal: Principal,
  filters: IssueFilters,
  page: IssuePage,
): Promise<IssueListPage> {
  return listIssues(db, await issueScopeFor(db, principal, filters.project), filters, page);
}

/** The issue's project, when the principal may see it; else 404 (foreign, missing, malformed). */
export async function requireVisibleIssue(
  db: Db,
  principal: Principal,
  id: string,
): Promise<{ id: bigint; projectId: string }> {
  const row = await readIssueRow(db, await issueScopeFor(db, principal), id);
  const issueId = parseIssueId(id);
  if (!row || issueId === undefined) throw issueNotFound();
  return { id: issueId, projectId: row.project_id };
}

export async function changeIssueAs(
  db: Db,
  principal: Principal,
  id: string,
  change: Input<IssueChange>,
): Promise<IssueDto> {
  const issue = await requireVisibleIssue(db, principal, id);
  requireRole(principal, "admin");
  const [changed] = await changeIssues(
    db,
    issue.projectId,
    [issue.id],
    await resolve(change),
    actorOf(principal),
  );
  if (!changed) throw issueNotFound();
  return changed;
}

/** The dashboard's bulk actions: ids outside the project (or unknown) are left out. */
export async function changeIssuesAs(
  db: Db,
  principal: Principal,
  projectId: string,
  ids: readonly string[],
  change: IssueChange,
): Promise<IssueDto[]> {
  await requireVisibleProject(db, principal, projectId);
  requireRole(principal, "admin");
  const parsed = ids.map(parseIssueId).filter((id): id is bigint => id !== undefined);
  return changeIssues(db, projectId, parsed, change, actorOf(principal));
}
