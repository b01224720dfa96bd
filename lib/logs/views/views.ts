import { and, asc, count, eq } from "drizzle-orm";
import { z } from "zod";
import { canManageProjects, requireVisibleProject } from "@/lib/auth/access";
import type { UserPrincipal } from "@/lib/auth/principal";
import type { Db } from "@/lib/db/open";
import { type SavedView, savedViews } from "@/lib/db/schema/saved-views";
import { ApiError } from "@/lib/http/errors";
import { rfc3339 } from "../filters";
import { maxSearchLength } from "../query/limits";
import { parseQuery } from "../query/parse";

// Saved explorer views: any member of a project may save one (they can read what it shows);
// its creator or an admin may delete it. Scope before role: a foreign project or view is the
// same 404 (AUTH-3).

/** Views per project: the list is rendered on every explorer page. */
export const maxViewsPerProject = 50;
const rangeNames = ["15m", "1h", "24h", "7d", "custom", "all"] as const;

export const savedViewInputSchema = z
  .object({
    name: z.string().trim().min(1, "Name the view.").max(80),
    query: z
      .string()
      .max(maxSearchLength)
      .refine((q) => parseQuery(q).ok, "The query does not parse."),
    range: z.enum(rangeNames),
    from: rfc3339.optional(),
    to: rfc3339.optional(),
    columns: z.array(z.string().min(1).max(100)).max(20).default([]),
  })
  .refine((v) => v.range !== "custom" || v.from !== undefined || v.to !== undefined, {
    message: "A custom range needs from or to.",
    path: ["range"],
  });

export type SavedViewInput = z.input<typeof savedViewInputSchema>;

export async function listViews(db: Db, projectId: string): Promise<SavedView[]> {
  return db
    .select()
    .from(savedViews)
    .where(eq(savedViews.projectId, projectId))
    .orderBy(asc(savedViews.name), asc(savedViews.id))
    .limit(maxViewsPerProject);
}

export async function createView(
  db: Db,
  user: UserPrincipal,
  projectId: string,
  input: SavedViewInput,
): Promise<SavedView> {
  const project = await requireVisibleProject(db, user, projectId);
  const parsed = savedViewInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new ApiError("invalid_request", parsed.error.issues[0]?.message ?? "Invalid view.");
  }
  const v = parsed.data;
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ n: count() })
      .from(savedViews)
      .where(eq(savedViews.projectId, project.id));
    if ((existing?.n ?? 0) >= maxViewsPerProject) {
      throw new ApiError("conflict", `A project keeps at most ${maxViewsPerProject} views.`);
    }
    const custom = v.range === "custom";
    const [row] = await tx
      .insert(savedViews)
      .values({
        projectId: project.id,
        name: v.name,
        query: v.query,
        range: v.range,
        from: custom && v.from ? new Date(v.from) : null,
        to: custom && v.to ? new Date(v.to) : null,
        columns: v.columns,
        createdBy: user.id,
      })
      .returning();
    return row as SavedView;
  });
}

export async function deleteView(
  db: Db,
  user: UserPrincipal,
  projectId: string,
  viewId: string,
): Promise<void> {
  const project = await requireVisibleProject(db, user, projectId);
  if (!z.uuid().safeParse(viewId).success) throw new ApiError("not_found", "View not found.");
  const [view] = await db
    .select()
    .from(savedViews)
    .where(and(eq(savedViews.id, viewId), eq(savedViews.projectId, project.id)))
    .limit(1);
  if (!view) throw new ApiError("not_found", "View not found.");
  if (view.createdBy !== user.id && !canManageProjects(user)) {
    throw new ApiError("forbidden", "Only its creator or an admin can delete this view.");
  }
  await db.delete(savedViews).where(eq(savedViews.id, view.id));
}

/** The explorer URL a view stands for: opening, sharing and bookmarking all use it. */
export function viewHref(view: SavedView): string {
  const params = new URLSearchParams();
  if (view.query) params.set("q", view.query);
  if (view.range === "custom") {
    if (view.from) params.set("from", view.from.toISOString());
    if (view.to) params.set("to", view.to.toISOString());
  } else {
    params.set("range", view.range);
  }
  if (view.columns.length) params.set("columns", view.columns.join(","));
  const qs = params.toString();
  return `/projects/${view.projectId}/logs${qs ? `?${qs}` : ""}`;
}
