import "server-only";
import { forbidden, notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/lib/db/client";
import type { Project } from "@/lib/db/schema";
import { ApiError } from "@/lib/http/errors";
import { requireVisibleProject } from "./access";
import { requirePageUser, type UserPrincipal } from "./session";

/**
 * Pages run the same access checks as the API; this turns their ApiErrors into Next's 404 and
 * 403 pages (a foreign project looks exactly like a missing one).
 */
export async function orPageError<T>(work: Promise<T> | (() => Promise<T> | T)): Promise<T> {
  try {
    return await (typeof work === "function" ? work() : work);
  } catch (err) {
    if (err instanceof ApiError && err.code === "not_found") notFound();
    if (err instanceof ApiError && err.code === "forbidden") forbidden();
    throw err;
  }
}

/**
 * The project a dashboard page under /projects/{id} shows, and the signed-in user: the 404 page
 * unless the user may see it. Cached per render (React cache), so the project layout and its
 * page load it once. Pages only: an action or a route handler calls requireVisibleProject.
 */
export const pageProject = cache(
  async (projectId: string): Promise<{ user: UserPrincipal; project: Project }> => {
    const user = await requirePageUser();
    const project = await orPageError(requireVisibleProject(await getDb(), user, projectId));
    return { user, project };
  },
);
