"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireRole, requireVisibleProject } from "@/lib/auth/access";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { formAction } from "@/lib/forms/form-action";
import type { FormState } from "@/lib/forms/form-state";
import { siteOrigin } from "@/lib/http/site-origin";
import { visibleText } from "@/lib/logs/visible-text";
import { createKeyAs, deleteProjectAs, revokeKeyAs, updateProjectAs } from "@/lib/projects/api";
import { continueDeletionsAfterResponse } from "@/lib/projects/deletion-in-background";
import { addProjectMember, removeProjectMember } from "@/lib/projects/members";
import { newIngestKeyBodySchema, updateProjectBodySchema } from "@/lib/projects/schemas";
import { deleteUploadAs } from "@/lib/sourcemaps/uploads";
import type { NewKeyState } from "../../actions";
import { type SettingsField, settingsFields, settingsFromForm } from "./settings-form-data";

// Every action re-checks session, visibility (404) and role (403) through lib/projects/api.

export const saveSettingsAction = formAction(
  {
    fields: settingsFields,
    schema: updateProjectBodySchema,
    role: "admin",
    toInput: settingsFromForm,
  },
  async (patch, { user }, projectId: string): Promise<FormState<SettingsField>> => {
    await updateProjectAs(await getDb(), user, projectId, patch);
    revalidatePath(`/projects/${projectId}`, "layout");
    return { ok: true, message: "Saved." };
  },
);

export const createKeyAction = formAction(
  {
    fields: { name: { label: "Key name" } },
    schema: newIngestKeyBodySchema,
    role: "admin",
    // Empty means the schema's default name.
    toInput: ({ name }) => ({ name: name || undefined }),
  },
  async (input, { user }, projectId: string): Promise<NewKeyState> => {
    const created = await createKeyAs(await getDb(), user, projectId, input, await siteOrigin());
    revalidatePath(`/projects/${projectId}/settings`);
    return { ok: true, ingestKey: created.ingest_key, sentryDsn: created.sentry_dsn };
  },
);

export async function revokeKeyAction(projectId: string, form: FormData): Promise<void> {
  const user = await requirePageUser();
  await revokeKeyAs(await getDb(), user, projectId, String(form.get("keyId") ?? ""));
  revalidatePath(`/projects/${projectId}/settings`);
}

export async function deleteSourcemapUploadAction(
  projectId: string,
  form: FormData,
): Promise<void> {
  const user = await requirePageUser();
  await deleteUploadAs(await getDb(), user, projectId, String(form.get("uploadId") ?? ""));
  revalidatePath(`/projects/${projectId}/settings`);
}

export const deleteProjectAction = formAction(
  {
    fields: { confirm: { label: "Project name" } },
    schema: z.object({ confirm: z.string() }),
    role: "admin",
  },
  async ({ confirm }, { user }, projectId: string): Promise<FormState<"confirm">> => {
    const db = await getDb();
    const project = await requireVisibleProject(db, user, projectId);
    // The name as typed, or as shown: an escaped character cannot be typed as it is.
    if (confirm !== project.name && confirm !== visibleText(project.name)) {
      return { fieldErrors: { confirm: "Type the project name exactly as shown to confirm." } };
    }
    const { done } = await deleteProjectAs(db, user, projectId);
    if (!done) continueDeletionsAfterResponse(db);
    revalidatePath("/projects");
    redirect("/projects");
  },
);

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
