import { requireApiPrincipal } from "@/lib/auth/principal";
import { getDb } from "@/lib/db/client";
import { ApiError } from "@/lib/http/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { json } from "@/lib/http/respond";
import { parseJsonBody } from "@/lib/projects/request-body";
import { changeIssueAs, issueScopeFor, listIssuesFor } from "./access";
import { issuePatchSchema } from "./changes";
import { parseIssueQuery } from "./filters";
import { getIssue } from "./get";

// The issues API's request handling, shared by the thin route files under app/api/v1/issues
// (docs/api.md, "Issues"). Each handler authenticates (session cookie or lw_sec_ token), then
// derives the scope from the principal; no query runs without it.

// GET /api/v1/issues
export async function handleListIssues(ctx: RequestContext): Promise<Response> {
  const principal = await requireApiPrincipal(ctx.request);
  const { filters, page } = parseIssueQuery(new URL(ctx.request.url).searchParams);
  return json(ctx, 200, await listIssuesFor(await getDb(), principal, filters, page));
}

// GET /api/v1/issues/{id}
export async function handleGetIssue(ctx: RequestContext, id: string): Promise<Response> {
  const principal = await requireApiPrincipal(ctx.request);
  const db = await getDb();
  const issue = await getIssue(db, await issueScopeFor(db, principal), id);
  if (!issue) throw new ApiError("not_found", "Issue not found.");
  return json(ctx, 200, { issue });
}

// PATCH /api/v1/issues/{id}
export async function handlePatchIssue(ctx: RequestContext, id: string): Promise<Response> {
  const principal = await requireApiPrincipal(ctx.request);
  const readChange = () => parseJsonBody(ctx.request, issuePatchSchema);
  return json(ctx, 200, { issue: await changeIssueAs(await getDb(), principal, id, readChange) });
}
