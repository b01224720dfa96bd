import type { Db } from "@/lib/db/open";
import { retentionCutoff } from "./policy";
import * as q from "./queries";

// A cap below 1 would delete every event as it arrives, like a zero retention: treated as none.
export function hasCap(
  project: q.ProjectPolicy,
): project is q.ProjectPolicy & { maxEvents: number } {
  return project.maxEvents !== null && project.maxEvents >= 1;
}

export interface PrunePreview {
  cutoff: Date;
  /** Events past the retention cutoff. */
  expired: number;
  /** Events within retention but beyond the project's `max_events` cap. */
  overCap: number;
  /** What the next prune would remove: expired + overCap. */
  events: number;
}

export async function previewProject(
  db: Db,
  project: q.ProjectPolicy,
  now: Date,
): Promise<PrunePreview> {
  const cutoff = retentionCutoff(now, project.retentionDays);
  const expired = await q.countExpired(db, project.id, cutoff);
  let overCap = 0;
  if (hasCap(project)) {
    const kept = (await q.countProjectEvents(db, project.id)) - expired;
    overCap = Math.max(0, kept - project.maxEvents);
  }
  return { cutoff, expired, overCap, events: expired + overCap };
}

/** What the next prune would remove from one project; null when the project does not exist. */
export async function previewPrune(
  db: Db,
  projectId: string,
  now: Date,
): Promise<PrunePreview | null> {
  const [project] = await q.listProjectPolicies(db, projectId);
  return project ? previewProject(db, project, now) : null;
}
