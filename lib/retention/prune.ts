import type { Db } from "@/lib/db/open";
import { type EnsureResult, ensureLogPartitions } from "@/lib/db/partitions/ensure";
import { type ExpiredSourcemaps, expireSourcemaps } from "@/lib/sourcemaps/expire";
import { type DroppedDays, dropExpiredDays } from "./drop-days";
import { readLastPrune, recordLastPrune } from "./last-run";
import { withPruneLock } from "./lock";
import { retentionCutoff } from "./policy";
import { hasCap, previewProject } from "./preview";
import * as q from "./queries";

export interface PruneOptions {
  db: Db;
  /** The clock retention is measured against (tests pass a fixed one). */
  now: Date;
  /** Stop starting new batches after this long; the next run continues (`done: false`). */
  budgetMs: number;
  /** Events per DELETE statement. */
  batchSize: number;
  /** Count what would go, delete nothing, take no lock, record nothing. */
  dryRun?: boolean;
}

export interface ProjectPruneResult {
  id: string;
  name: string;
  deleted: number;
  /** ISO time: events received before it are expired. */
  cutoff: string;
  done: boolean;
}

export interface PruneResult {
  deleted: number;
  done: boolean;
  projects: ProjectPruneResult[];
  /** Events of deleted projects. */
  orphans: { deleted: number; done: boolean };
  /** Whole days dropped (their events are in `deleted`), and the days made ahead. */
  days?: DroppedDays & { created: EnsureResult["created"] };
  /** Source map uploads unused for 90 days and chunks never assembled (lib/sourcemaps/expire.ts). */
  sourcemaps?: ExpiredSourcemaps;
  dryRun?: true;
  skipped?: "locked";
}

/**
 * Makes the coming days' partitions and drops the days expired for every project
 * (drop-days.ts), then deletes expired events project by project (by `received_at` only), then
 * events beyond each project's `max_events` cap (oldest first), then events of deleted
 * projects. Runs under a lock (a concurrent run returns `skipped: "locked"`), in bounded
 * batches, and stops starting batches when the budget is spent; at least one batch always runs,
 * so repeated runs always progress.
 */
export async function prune(options: PruneOptions): Promise<PruneResult> {
  if (options.dryRun) return dryRun(options);
  const result = await withPruneLock(options.db, () => pruneLocked(options));
  return (
    result ?? {
      deleted: 0,
      done: false,
      projects: [],
      orphans: { deleted: 0, done: false },
      skipped: "locked",
    }
  );
}

async function pruneLocked({ db, now, budgetMs, batchSize }: PruneOptions): Promise<PruneResult> {
  const started = performance.now();
  let batches = 0;
  const mayRunBatch = () => batches++ === 0 || performance.now() - started < budgetMs;
  // Runs batches until one comes back short (nothing left) or the budget is spent, each batch
  // starting where the previous one stopped.
  const drain = async (projectId: string, bounds: q.BatchBounds) => {
    let deleted = 0;
    let below: q.RowKey | undefined;
    while (mayRunBatch()) {
      const batch = await q.deleteBatch(db, projectId, { ...bounds, below }, batchSize);
      deleted += batch.deleted;
      below = batch.last;
      if (batch.deleted < batchSize) return { deleted, done: true };
    }
    return { deleted, done: false };
  };

  const ahead = await ensureLogPartitions(db, now);
  const policies = await q.listProjectPolicies(db);
  const days = await dropExpiredDays(db, now, policies);

  const projects: ProjectPruneResult[] = [];
  const resumeFrom = (await readLastPrune(db))?.resume_from;
  for (const project of rotateTo(policies, resumeFrom)) {
    const cutoff = retentionCutoff(now, project.retentionDays);
    const expired = await drain(project.id, { before: cutoff });
    let capped = { deleted: 0, done: expired.done };
    if (expired.done && hasCap(project)) {
      const boundary = await q.capBoundary(db, project.id, project.maxEvents);
      if (boundary) {
        capped = await drain(project.id, { through: boundary });
      }
    }
    projects.push({
      id: project.id,
      name: project.name,
      deleted: expired.deleted + capped.deleted,
      cutoff: cutoff.toISOString(),
      done: expired.done && capped.done,
    });
  }

  const orphans = { deleted: 0, done: true };
  for (const projectId of await q.orphanProjectIds(db)) {
    const gone = await drain(projectId, {});
    orphans.deleted += gone.deleted;
    if (!gone.done) {
      orphans.done = false;
      break;
    }
  }

  const sourcemaps = await expireSourcemaps(db, now);
  const deleted = projects.reduce((sum, p) => sum + p.deleted, orphans.deleted + days.events);
  const done = orphans.done && days.deferred.length === 0 && projects.every((p) => p.done);
  await recordLastPrune(db, {
    at: now.toISOString(),
    deleted,
    done,
    duration_ms: Math.round(performance.now() - started),
    resume_from: projects.find((p) => !p.done)?.id ?? null,
  });
  return {
    deleted,
    done,
    projects,
    orphans,
    days: { ...days, created: ahead.created },
    sourcemaps,
  };
}

/** The projects in id order, starting at `firstId` (when it still exists) and wrapping around. */
function rotateTo<T extends { id: string }>(items: T[], firstId: string | null | undefined): T[] {
  const at = firstId ? items.findIndex((item) => item.id === firstId) : -1;
  return at <= 0 ? items : [...items.slice(at), ...items.slice(0, at)];
}

async function dryRun({ db, now }: PruneOptions): Promise<PruneResult> {
  const projects: ProjectPruneResult[] = [];
  for (const project of await q.listProjectPolicies(db)) {
    const preview = await previewProject(db, project, now);
    projects.push({
      id: project.id,
      name: project.name,
      deleted: preview.events,
      cutoff: preview.cutoff.toISOString(),
      done: true,
    });
  }
  let orphaned = 0;
  for (const projectId of await q.orphanProjectIds(db))
    orphaned += await q.countProjectEvents(db, projectId);
  const deleted = projects.reduce((sum, p) => sum + p.deleted, orphaned);
  return {
    deleted,
    done: true,
    projects,
    orphans: { deleted: orphaned, done: true },
    dryRun: true,
  };
}
