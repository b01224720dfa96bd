"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireVisibleProject } from "@/lib/auth/access";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { maxSearchLength } from "@/lib/logs/filters";
import { parseGridColumns } from "@/lib/logs/grid-columns";
import { type Suggestion, suggestValues } from "@/lib/logs/suggest";
import { createView, deleteView, type SavedViewInput, viewHref } from "@/lib/logs/views/views";

// The query bar's autocomplete: any member of the project may ask (they can read its events
// anyway); a foreign or malformed project id is the same not-found as everywhere (AUTH-3).

const questionSchema = z.object({
  projectId: z.string().max(64),
  field: z.string().min(1).max(maxSearchLength),
  prefix: z.string().max(maxSearchLength),
});

export async function suggestAction(
  projectId: string,
  field: string,
  prefix: string,
): Promise<Suggestion[]> {
  const question = questionSchema.safeParse({ projectId, field, prefix });
  if (!question.success) return [];
  const user = await requirePageUser();
  const db = await getDb();
  const project = await requireVisibleProject(db, user, question.data.projectId);
  return suggestValues(db, project.id, question.data.field, question.data.prefix);
}

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/** Saves the explorer's current view under a name, then opens it (its URL is the share link). */
export async function saveViewAction(projectId: string, form: FormData): Promise<void> {
  const user = await requirePageUser();
  const range = text(form, "range");
  const view = await createView(await getDb(), user, projectId, {
    name: text(form, "name"),
    query: text(form, "q"),
    range: (range || "all") as SavedViewInput["range"],
    from: text(form, "from") || undefined,
    to: text(form, "to") || undefined,
    columns: parseGridColumns(text(form, "columns")).map((c) => c.name),
  });
  revalidatePath(`/projects/${projectId}/logs`);
  redirect(viewHref(view));
}

export async function deleteViewAction(projectId: string, form: FormData): Promise<void> {
  const user = await requirePageUser();
  await deleteView(await getDb(), user, projectId, text(form, "viewId"));
  revalidatePath(`/projects/${projectId}/logs`);
}
