"use server";

import { revalidatePath } from "next/cache";
import { type ActionState, actionResult, firstIssue } from "@/lib/auth/action-state";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { createProjectAs } from "@/lib/projects/api";
import { createProjectBodySchema } from "@/lib/projects/schemas";

export interface CreateProjectState extends ActionState {
  project?: { id: string; name: string };
  ingestKey?: string;
}

// Server actions are public POST endpoints: each one re-checks the session and the role.
export async function createProjectAction(
  _prev: CreateProjectState,
  form: FormData,
): Promise<CreateProjectState> {
  return actionResult(async () => {
    const user = await requirePageUser();
    const parsed = createProjectBodySchema.safeParse({ name: form.get("name") });
    if (!parsed.success) return { error: firstIssue(parsed.error) };
    const created = await createProjectAs(await getDb(), user, parsed.data);
    revalidatePath("/projects");
    return {
      ok: true,
      project: { id: created.project.id, name: created.project.name },
      ingestKey: created.ingest_key,
    };
  });
}
