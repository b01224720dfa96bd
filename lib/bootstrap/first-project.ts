import { count } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { appState, projects } from "@/lib/db/schema";
import { createProject } from "@/lib/projects/create-project";

const markerKey = "first_project_created";

/**
 * On a brand-new embedded database, creates a project "My app" so a newcomer can send a log within
 * a minute of `npm run dev`. A marker row makes it happen at most once: deleting every project
 * later does not bring "My app" back. Returns the project and its (public) ingest key, or null.
 */
export async function ensureFirstProject(db: Db) {
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    const [marker] = await tx
      .insert(appState)
      .values({ key: markerKey, value: { at: new Date().toISOString() } })
      .onConflictDoNothing()
      .returning({ key: appState.key });
    if (!marker) return null;
    const [existing] = await tx.select({ n: count() }).from(projects);
    if ((existing?.n ?? 0) > 0) return null;
    return createProject(tx, { name: "My app" });
  });
}
