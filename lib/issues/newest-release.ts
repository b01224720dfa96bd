import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { compareReleases } from "./release-order";

/**
 * The project's newest release (release-order.ts), what "resolve in the next release" resolves
 * after. Read from the releases its issues' events carried (issue_values), so a release no
 * error was ever reported from does not count. Names that are not semver are ordered by the
 * hour they were first recorded with an issue (the oldest last_hour of the value: hour
 * precision, and later than the true first sighting while the release is still in use).
 */
export async function projectNewestRelease(db: Db, projectId: string): Promise<string | null> {
  const rows = await queryRows<{ name: string; first_seen: string | Date }>(
    db,
    sql`SELECT v.value AS name, min(v.last_hour) AS first_seen
        FROM issue_values v JOIN issues i ON i.id = v.issue_id
        WHERE i.project_id = ${projectId}::uuid AND v.kind = 'release'
        GROUP BY v.value`,
  );
  const firstSeen = new Map(rows.map((r) => [r.name, new Date(r.first_seen).getTime()]));
  let newest: string | null = null;
  for (const { name } of rows) {
    if (newest === null || compareReleases(name, newest, (r) => firstSeen.get(r)) > 0)
      newest = name;
  }
  return newest;
}
