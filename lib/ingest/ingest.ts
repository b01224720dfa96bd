import { getDb } from "@/lib/db/client";
import { copyInto } from "@/lib/db/copy";
import type { Db } from "@/lib/db/open";
import { clientIp } from "@/lib/http/client-ip";
import { corsResponseHeaders, isOriginAllowed, requestOrigin } from "@/lib/http/cors";
import { ApiError } from "@/lib/http/errors";
import { json, type RequestContext } from "@/lib/http/respond";
import { logger } from "@/lib/log";
import {
  enforceIngestIpLimit,
  enforceKeyLookupLimit,
  enforceProjectEventLimit,
} from "@/lib/ratelimit/ingest";
import { type EventError, prepareBatch, rejectAt } from "./batch";
import { bodyShape, discardUnreadBody, readBodyText } from "./body";
import { requestCountry, requestUserAgent, storedIp } from "./client-meta";
import type { BatchOutcome, BodyJob, CopyBatch } from "./copy-batch";
import { authenticateIngestKey, presentedKey } from "./keys";
import { requestCaps } from "./limits";
import { parseEvents } from "./parse";
import { preparationThread } from "./prepare-threads";
import { insertCopyRows, insertRebuildable, type StoreResult } from "./store";

// POST /api/v1/logs, stage by stage. The order is the cost order (threat SIZE-6): nothing an
// unauthenticated or rate-limited caller sends is read, decompressed or parsed.

export interface IngestOptions {
  /** Tests pass their own database; the route uses the process-wide handle. */
  db?: Db;
  now?: () => Date;
}

export async function ingestLogs(ctx: RequestContext, options: IngestOptions = {}) {
  try {
    return await ingestRequest(ctx, options);
  } finally {
    // A request refused before its body was read (401, 403, 413 by Content-Length, 429) would
    // otherwise leave the client's upload stalled on a paused socket, never seeing the answer.
    discardUnreadBody(ctx.request);
  }
}

async function ingestRequest(ctx: RequestContext, options: IngestOptions) {
  const { request } = ctx;
  const origin = requestOrigin(request.headers);
  // Early errors (415, 401) stay readable by the page; a refused origin gets no CORS headers.
  if (origin) addHeaders(ctx.headers, corsResponseHeaders(origin));
  const shape = bodyShape(request.headers);
  const db = options.db ?? (await getDb());
  // Worked out once, and only when asked for: a missing or malformed key is refused first.
  let callerIp: string | undefined;
  const ipOf = () => (callerIp ??= clientIp(request));
  const { project } = await authenticateIngestKey(db, presentedKey(request), Date.now(), () =>
    enforceKeyLookupLimit(ipOf()),
  );
  if (origin && !isOriginAllowed(origin, project.allowedOrigins)) {
    for (const name of Object.keys(corsResponseHeaders(origin))) ctx.headers.delete(name);
    throw new ApiError("origin_not_allowed", "This origin may not send to this project.");
  }
  const ip = ipOf();
  addRateLimitHeaders(ctx.headers, await enforceIngestIpLimit(project, ip));

  const caps = requestCaps();
  const text = await readBodyText(request, shape, caps.maxBodyBytes);
  const job: BodyJob = {
    text,
    format: shape.format,
    maxEvents: caps.maxEvents,
    facts: {
      projectId: project.id,
      receivedAt: options.now?.() ?? new Date(),
      requestId: ctx.requestId,
      userAgent: requestUserAgent(request.headers),
      clientIp: storedIp(ip, project.ipStorage),
      country: requestCountry(request.headers),
    },
  };
  const onThread = preparationThread(text.length, copyInto(db) !== undefined);
  const { outcome, prepared, stored } = onThread
    ? await storeFromThread(ctx, db, project, job, onThread)
    : await storeInline(ctx, db, project, job);
  for (const index of stored.refused) {
    rejectAt(outcome, outcome.positions[index] ?? -1, "the database refused this event");
  }
  outcome.errors.sort((a, b) => a.index - b.index);
  const valid = prepared - stored.refused.length + outcome.repeatedInRequest;
  if (valid === 0) throw noValidEvent(outcome.errors);

  const result = {
    accepted: stored.inserted,
    duplicates: valid - stored.inserted,
    rejected: outcome.rejected,
  };
  logger.debug(
    { requestId: ctx.requestId, projectId: project.id, ...result, onThread: Boolean(onThread) },
    "ingest",
  );
  return json(ctx, 202, { ...result, errors: outcome.errors, request_id: ctx.requestId });
}

interface Stored {
  outcome: BatchOutcome;
  /** Events sent to the database (valid, and first of their id in the request). */
  prepared: number;
  stored: StoreResult;
}

type Project = Awaited<ReturnType<typeof authenticateIngestKey>>["project"];

/** Parse, limit, prepare and store on this thread. */
async function storeInline(ctx: RequestContext, db: Db, project: Project, job: BodyJob) {
  const raw = parseEvents(job.text, job.format, job.maxEvents);
  addRateLimitHeaders(ctx.headers, await enforceProjectEventLimit(project, raw.length));
  // The events are not kept past the insert's start (store.ts insertRebuildable): the rest of
  // the request needs only the outcome of preparing them.
  const { events, ...outcome } = prepareBatch(raw, job.facts.receivedAt);
  if (events.length === 0) throw noValidEvent(outcome.errors);
  const stored = await insertRebuildable(db, job.facts, events, () => rebuildEvents(job));
  return { outcome, prepared: events.length, stored } satisfies Stored;
}

/**
 * The same with the body prepared on a preparation thread (prepare-threads.ts). The project's
 * event limit counts the events the thread found, so here it is checked after preparing.
 */
async function storeFromThread(
  ctx: RequestContext,
  db: Db,
  project: Project,
  job: BodyJob,
  prepare: (job: BodyJob) => Promise<CopyBatch>,
) {
  const batch = await prepare(job);
  addRateLimitHeaders(ctx.headers, await enforceProjectEventLimit(project, batch.received));
  if (batch.prepared === 0) throw noValidEvent(batch.outcome.errors);
  const { buffer, byteOffset, byteLength } = batch.data;
  const rows = Buffer.from(buffer, byteOffset, byteLength);
  const stored = await insertCopyRows(db, job.facts, rows, batch.prepared, () =>
    rebuildEvents(job),
  );
  return { outcome: batch.outcome, prepared: batch.prepared, stored } satisfies Stored;
}

/** The same text, caps and time give the same events (for the INSERT after a refused COPY). */
function rebuildEvents(job: BodyJob) {
  return prepareBatch(parseEvents(job.text, job.format, job.maxEvents), job.facts.receivedAt)
    .events;
}

function noValidEvent(errors: EventError[]) {
  return new ApiError("invalid_events", "The request holds no valid event.", { body: { errors } });
}

/** Two limits answer with the same RateLimit-* names: report the one nearer to refusing. */
function addRateLimitHeaders(target: Headers, limit: Record<string, string>): void {
  const current = Number(target.get("ratelimit-remaining") ?? Number.POSITIVE_INFINITY);
  if (Number(limit["ratelimit-remaining"] ?? Number.POSITIVE_INFINITY) <= current) {
    addHeaders(target, limit);
  }
}

export function addHeaders(target: Headers, extra: Record<string, string>): void {
  for (const [name, value] of Object.entries(extra)) target.set(name, value);
}
