import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { forgetProjectLookups } from "./map-lookups";

// Whether a project has any upload, asked before ingest looks for an error event's maps: most
// projects have none and their events pay no lookup but this one, once a minute per process.
// An upload or a delete in this process forgets the answer at once; other processes see it
// within ttlMs (an upload is used for grouping from then on: docs/sourcemaps.md).

const ttlMs = 60_000;
const cap = 10_000;
const known = new Map<string, { has: boolean; at: number }>();

export async function projectHasMaps(db: Db, projectId: string): Promise<boolean> {
  const now = Date.now();
  const cached = known.get(projectId);
  if (cached && now - cached.at < ttlMs) return cached.has;
  const rows = await queryRows<{ one: number }>(
    db,
    sql`SELECT 1 AS one FROM sourcemap_bundles WHERE project_id = ${projectId} LIMIT 1`,
  );
  if (known.size >= cap) known.clear();
  known.set(projectId, { has: rows.length > 0, at: now });
  return rows.length > 0;
}

/** After an upload or a delete: the next event asks the database again. */
export function forgetProjectMaps(projectId: string): void {
  known.delete(projectId);
  forgetProjectLookups(projectId);
}
