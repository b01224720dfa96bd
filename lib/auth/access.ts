import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db/open";
import { type Project, projectMembers, projects } from "@/lib/db/schema";
import { ApiError } from "@/lib/http/errors";
import type { Principal } from "./principal";
import { hasRole } from "./roles";

// Permissions as small predicates; every page, action and route handler calls them itself
// (the proxy is never the boundary, threat AUTH-4).

/** Viewers (users) see only projects they are members of; admins, owners and tokens see all. */
function seesAllProjects(principal: Principal): boolean {
  return principal.kind === "token" || hasRole(principal.role, "admin");
}

export async function visibleProjectIds(db: Db, principal: Principal): Promise<string[]> {
  if (seesAllProjects(principal)) {
    const rows = await db.select({ id: projects.id }).from(projects);
    return rows.map((r) => r.id);
  }
  const rows = await db
    .select({ id: projectMembers.projectId })
    .from(projectMembers)
    .where(eq(projectMembers.userId, principal.id));
  return rows.map((r) => r.id);
}

const notFound = () => new ApiError("not_found", "Project not found.");

/** Throws ApiError("not_found") for a missing, foreign or malformed id — identical 404s (AUTH-3). */
export async function requireVisibleProject(
  db: Db,
  principal: Principal,
  projectId: string,
): Promise<Project> {
  if (!z.uuid().safeParse(projectId).success) throw notFound();
  const [project] = await db.select().from(projects).where(eq(projects.id, projectId)).limit(1);
  if (!project) throw notFound();
  if (seesAllProjects(principal)) return project;
  const [member] = await db
    .select({ projectId: projectMembers.projectId })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, principal.id)))
    .limit(1);
  if (!member) throw notFound();
  return project;
}

/** Throws ApiError("forbidden") (403) when the principal's role is below `role`. */
export function requireRole(principal: Principal, role: "admin" | "owner"): void {
  // Tokens manage projects at most: managing people needs a signed-in owner.
  const allowed =
    role === "owner"
      ? principal.kind === "user" && principal.role === "owner"
      : hasRole(principal.role, role);
  if (!allowed) throw new ApiError("forbidden", `This needs the ${role} role.`);
}

export function canManageProjects(principal: Principal): boolean {
  return hasRole(principal.role, "admin");
}

export function canManageUsers(principal: Principal): boolean {
  return principal.kind === "user" && principal.role === "owner";
}
