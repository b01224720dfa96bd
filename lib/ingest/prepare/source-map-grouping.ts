import type { Db } from "@/lib/db/open";
import type { NormalizedEvent } from "@/lib/ingest/normalize/schema";
import { joinEarlierIssues } from "@/lib/issues/ingest/aliases";
import { assignIssues, type EventIssue, hasIssueMembers } from "@/lib/issues/ingest/event-issue";
import { logger } from "@/lib/log";
import { frameMappings } from "@/lib/sourcemaps/grouping/frame-mappings";
import { projectHasMaps } from "@/lib/sourcemaps/grouping/has-maps";
import {
  type BodyJob,
  type CopyBatch,
  copyRows,
  type EventBatch,
  prepareCopyBatch,
  prepareEventBatch,
} from "./copy-batch";

// After preparation, on the main thread (the parsed-map cache and the database live there): a
// request with error events, for a project with uploaded source maps, is grouped again by its
// original frames (lib/sourcemaps/grouping, docs/issues.md → Original frames), into the issue
// its minified frames named before the maps where there is one (lib/issues/ingest/aliases.ts). A body prepared
// inline for such a project is prepared as events, grouped, then written as COPY rows once; COPY
// rows made on a preparation thread are made again from the events. A project without uploads
// (most) leaves with one cached yes/no.

export interface Regrouped {
  batch: CopyBatch | EventBatch;
  /** The events as stored, when they were kept or made again (for the INSERT fallbacks). */
  events?: readonly NormalizedEvent[];
}

type Prepare = (job: BodyJob) => CopyBatch | EventBatch;

/** How a body is prepared on the main thread: as events when they may be grouped again. */
export async function inlinePreparation(
  db: Db,
  projectId: string,
  canCopy: boolean,
): Promise<Prepare> {
  return canCopy && !(await hasMaps(db, projectId)) ? prepareCopyBatch : prepareEventBatch;
}

export async function groupWithSourceMaps(
  db: Db,
  job: BodyJob,
  prepared: CopyBatch | EventBatch,
  canCopy: boolean,
): Promise<Regrouped> {
  const { projectId } = job.facts;
  const hasMembers =
    "events" in prepared ? hasIssueMembers(prepared.events) : prepared.issues !== undefined;
  if (hasMembers && (await hasMaps(db, projectId))) {
    const events = "events" in prepared ? prepared.events : prepareEventBatch(job).events;
    const mappings = await frameMappings(db, projectId, events);
    if (mappings.size > 0) {
      const minified = new Map<NormalizedEvent, EventIssue>();
      for (const event of mappings.keys()) if (event.issue) minified.set(event, event.issue);
      assignIssues(projectId, events, mappings);
      await joinEarlierIssues(db, projectId, events, minified);
    } else if (!("events" in prepared)) return { batch: prepared };
    return copyIf(canCopy, job, { ...prepared, events });
  }
  return "events" in prepared ? copyIf(canCopy, job, prepared) : { batch: prepared };
}

/** Events as COPY rows where the store takes them; the events kept for its fallbacks. */
function copyIf(canCopy: boolean, job: BodyJob, batch: EventBatch): Regrouped {
  if (!canCopy) return { batch };
  const { events, ...rest } = batch;
  return { batch: { ...rest, ...copyRows(job.facts, events) }, events };
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
