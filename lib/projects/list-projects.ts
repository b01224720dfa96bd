import { asc, inArray } from "drizzle-orm";
import { visibleProjectIds } from "@/lib/auth/access";
import type { Principal } from "@/lib/auth/principal";
import type { Db } from "@/lib/db/open";
import { projects } from "@/lib/db/schema";

/** The projects this principal may see, by name. */
export async function listVisibleProjects(db: Db, principal: Principal) {
  const ids = await visibleProjectIds(db, principal);
  if (ids.length === 0) return [];
  return db.select().from(projects).where(inArray(projects.id, ids)).orderBy(asc(projects.name));
}
