"use server";

import { z } from "zod";
import { requireVisibleProject } from "@/lib/auth/access";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { maxSearchLength } from "@/lib/logs/filters";
import { type Suggestion, suggestValues } from "@/lib/logs/suggest";

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
