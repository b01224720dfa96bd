"use server";

import { revalidatePath } from "next/cache";
import { requireRole, requireVisibleProject } from "@/lib/auth/access";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { formAction } from "@/lib/forms/form-action";
import type { FormState } from "@/lib/forms/form-state";
import { changeIssueAs, changeIssuesAs } from "@/lib/issues/access";
import { type IssueChange, issueIdsSchema, issuePatchSchema } from "@/lib/issues/changes";
import { type StatusField, statusFields, statusPatchFromForm } from "./status-form-data";

// Status changes from the dashboard, through the same layer as PATCH /api/v1/issues/{id}
// (lib/issues/access.ts): scope first (a foreign project or issue is 404), then the admin role,
// then the change with its activity row. Bound ids come from the browser and are checked there.

const bulkChanges: Record<string, IssueChange> = {
  resolve: { action: "resolved", in: "now" },
  ignore: { action: "ignored", until: null },
  unresolve: { action: "unresolved" },
};

/** The list's bulk form: the checked issues of this project, one change for all of them. */
export async function bulkChangeIssuesAction(projectId: string, form: FormData): Promise<void> {
  const user = await requirePageUser();
  const db = await getDb();
  await requireVisibleProject(db, user, projectId);
  requireRole(user, "admin");
  const change = bulkChanges[String(form.get("change"))];
  const ids = issueIdsSchema.safeParse(form.getAll("id"));
  // Nothing checked (or no known change): nothing to do, the list shows again as it was.
  if (!change || !ids.success) return;
  await changeIssuesAs(db, user, projectId, ids.data, change);
  revalidatePath(`/projects/${projectId}/issues`);
}

/** The issue page's status actions: resolve (now, next release, in a release), ignore, reopen. */
export const changeIssueAction = formAction(
  {
    fields: statusFields,
    schema: issuePatchSchema,
    // The role is checked by changeIssueAs after the scope, so a viewer and a stranger learn
    // nothing about an id they cannot see.
    role: "viewer",
    toInput: statusPatchFromForm,
  },
  async (change, { user }, projectId: string, issueId: string): Promise<FormState<StatusField>> => {
    await changeIssueAs(await getDb(), user, issueId, change);
    revalidatePath(`/projects/${projectId}/issues`, "layout");
    return { ok: true, message: "Saved." };
  },
);
