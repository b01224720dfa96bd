"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireRole, requireVisibleProject } from "@/lib/auth/access";
import { type ActionState, actionResult, firstIssue } from "@/lib/auth/action-state";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { visibleText } from "@/lib/logs/visible-text";
import { createKeyAs, deleteProjectAs, revokeKeyAs, updateProjectAs } from "@/lib/projects/api";
import { continueDeletionsAfterResponse } from "@/lib/projects/deletion-in-background";
import { addProjectMember, removeProjectMember } from "@/lib/projects/members";
import { newIngestKeyBodySchema, updateProjectBodySchema } from "@/lib/projects/schemas";
import { settingsFromForm } from "./settings-form-data";

// Every action re-checks session, visibility (404) and role (403) through lib/projects/api.

export async function saveSettingsAction(
  projectId: string,
  _prev: ActionState,
  form: FormData,
): Promise<ActionState> {
  return actionResult(async () => {
    const user = await requirePageUser();
    const parsed = updateProjectBodySchema.safeParse(settingsFromForm(form));
    if (!parsed.success) return { error: firstIssue(parsed.error) };
    await updateProjectAs(await getDb(), user, projectId, parsed.data);
    revalidatePath(`/projects/${projectId}`, "layout");
    return { ok: true, message: "Saved." };
  });
}

export interface NewKeyState extends ActionState {
  ingestKey?: string;
}

export async function createKeyAction(
  projectId: string,
  _prev: NewKeyState,
  form: FormData,
): Promise<NewKeyState> {
  return actionResult(async () => {
    const user = await requirePageUser();
    const parsed = newIngestKeyBodySchema.safeParse({ name: form.get("name") || undefined });
    if (!parsed.success) return { error: firstIssue(parsed.error) };
    const created = await createKeyAs(await getDb(), user, projectId, parsed.data);
    revalidatePath(`/projects/${projectId}/settings`);
    return { ok: true, ingestKey: created.ingest_key };
  });
}

export async function revokeKeyAction(projectId: string, form: FormData): Promise<void> {
  const user = await requirePageUser();
  await revokeKeyAs(await getDb(), user, projectId, String(form.get("keyId") ?? ""));
  revalidatePath(`/projects/${projectId}/settings`);
}

export async function deleteProjectAction(
  projectId: string,
  _prev: ActionState,
  form: FormData,
): Promise<ActionState> {
  const result = await actionResult(async () => {
    const user = await requirePageUser();
    const db = await getDb();
    const project = await requireVisibleProject(db, user, projectId);
    requireRole(user, "admin");
    // The name as typed, or as shown: an escaped character cannot be typed as it is.
    const confirm = form.get("confirm");
    if (confirm !== project.name && confirm !== visibleText(project.name)) {
      return { error: "Type the project name exactly to confirm." };
    }
    const { done } = await deleteProjectAs(db, user, projectId);
    if (!done) continueDeletionsAfterResponse(db);
    return { ok: true };
  });
  if (!result.ok) return result;
  revalidatePath("/projects");
  redirect("/projects");
}

export async function setMemberAction(projectId: string, form: FormData): Promise<void> {
  const user = await requirePageUser();
  const db = await getDb();
  await requireVisibleProject(db, user, projectId);
  requireRole(user, "admin");
  const userId = String(form.get("userId") ?? "");
  if (form.get("grant") === "1") await addProjectMember(db, projectId, userId);
  else await removeProjectMember(db, projectId, userId);
  revalidatePath(`/projects/${projectId}/settings`);
}
