import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db/open";
import { appState } from "@/lib/db/schema";

// The last finished prune, in the database so every instance (and /api/health) sees it.
const lastPruneKey = "last_prune";

export const lastPruneSchema = z.object({
  at: z.string(),
  deleted: z.number(),
  done: z.boolean(),
  duration_ms: z.number().optional(),
  // The first project the run could not finish: the next run starts there, so a project late in
  // the order is not starved when every run spends its budget early.
  resume_from: z.string().nullable().optional(),
});

export type LastPrune = z.infer<typeof lastPruneSchema>;

export async function recordLastPrune(db: Db, run: LastPrune): Promise<void> {
  await db
    .insert(appState)
    .values({ key: lastPruneKey, value: run })
    .onConflictDoUpdate({ target: appState.key, set: { value: run, updatedAt: new Date() } });
}

export async function readLastPrune(db: Db): Promise<LastPrune | null> {
  const [row] = await db
    .select({ value: appState.value })
    .from(appState)
    .where(eq(appState.key, lastPruneKey));
  const parsed = lastPruneSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : null;
}
