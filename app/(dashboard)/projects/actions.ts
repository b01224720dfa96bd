"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/db/client";
import { formAction } from "@/lib/forms/form-action";
import type { FormState } from "@/lib/forms/form-state";
import { siteOrigin } from "@/lib/http/site-origin";
import { createProjectAs } from "@/lib/projects/api";
import { createProjectBodySchema } from "@/lib/projects/schemas";

/** What a form that makes an ingest key shows once it is made (new-key-panel.tsx). */
export interface NewKeyState extends FormState<"name"> {
  ingestKey?: string;
  sentryDsn?: string;
}

export interface CreateProjectState extends NewKeyState {
  project?: { id: string; name: string };
}

// Server actions are public POST endpoints: formAction re-checks the session and the role, and
// createProjectAs checks again.
export const createProjectAction = formAction(
  {
    fields: { name: { label: "Project name" } },
    schema: createProjectBodySchema,
    role: "admin",
  },
  async (input, { user }): Promise<CreateProjectState> => {
    const created = await createProjectAs(await getDb(), user, input, await siteOrigin());
    revalidatePath("/projects");
    return {
      ok: true,
      project: { id: created.project.id, name: created.project.name },
      ingestKey: created.ingest_key,
      sentryDsn: created.sentry_dsn,
    };
  },
);
