import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { projectMembers, users } from "@/lib/db/schema";

/** Viewers who may read this project (admins and owners see every project anyway). */
export async function listProjectMembers(db: Db, projectId: string) {
  return db
    .select({ userId: users.id, email: users.email, role: users.role })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(eq(projectMembers.projectId, projectId))
    .orderBy(asc(users.email));
}

export async function addProjectMember(db: Db, projectId: string, userId: string) {
  await db.insert(projectMembers).values({ projectId, userId }).onConflictDoNothing();
}

export async function removeProjectMember(db: Db, projectId: string, userId: string) {
  await db
    .delete(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
}
