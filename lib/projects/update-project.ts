import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { type Project, projects } from "@/lib/db/schema";
import { type ProjectSettingsPatch, toProjectColumns } from "./schemas";

/** Applies a validated settings patch; the caller has already checked access and role. */
export async function updateProject(
  db: Db,
  projectId: string,
  patch: ProjectSettingsPatch,
): Promise<Project | undefined> {
  const [project] = await db
    .update(projects)
    .set({ ...toProjectColumns(patch), updatedAt: new Date() })
    .where(eq(projects.id, projectId))
    .returning();
  return project;
}
