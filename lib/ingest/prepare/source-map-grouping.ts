import type { Db } from "@/lib/db/open";
import type { NormalizedEvent } from "@/lib/ingest/normalize/schema";
import { assignIssues, hasIssueMembers } from "@/lib/issues/ingest/event-issue";
import { logger } from "@/lib/log";
import { frameMappings } from "@/lib/sourcemaps/grouping/frame-mappings";
import { projectHasMaps } from "@/lib/sourcemaps/grouping/has-maps";
import {
  type BodyJob,
  type CopyBatch,
  copyRows,
  type EventBatch,
  prepareEventBatch,
} from "./copy-batch";

// After preparation, on the main thread (the parsed-map cache and the database live there): a
// request with error events, for a project with uploaded source maps, is grouped again by its
// original frames (lib/sourcemaps/grouping, docs/issues.md → Original frames). COPY rows made
// on a preparation thread are then made again from the events; a request without error events
// or a project without uploads (most) leaves with one cached yes/no.

export interface Regrouped {
  batch: CopyBatch | EventBatch;
  /** The events as stored, when they had to be made again (for the INSERT fallbacks). */
  events?: readonly NormalizedEvent[];
}

export async function groupWithSourceMaps(
  db: Db,
  job: BodyJob,
  batch: CopyBatch | EventBatch,
): Promise<Regrouped> {
  const { projectId } = job.facts;
  const hasMembers = "events" in batch ? hasIssueMembers(batch.events) : batch.issues !== undefined;
  if (!hasMembers || !(await hasMaps(db, projectId))) return { batch };
  const events = "events" in batch ? batch.events : prepareEventBatch(job).events;
  const mappings = await frameMappings(db, projectId, events);
  if (mappings.size === 0) return { batch };
  assignIssues(projectId, events, mappings);
  if ("events" in batch) return { batch };
  return { batch: { ...batch, ...copyRows(job.facts, events) }, events };
}

async function hasMaps(db: Db, projectId: string): Promise<boolean> {
  try {
    return await projectHasMaps(db, projectId);
  } catch (err) {
    // The store will say whether the database is down; grouping goes on without maps.
    logger.warn({ err, projectId }, "ingest: source map lookup failed");
    return false;
  }
}
