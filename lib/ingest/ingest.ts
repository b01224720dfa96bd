import { getDb } from "@/lib/db/client";
import { copyInto } from "@/lib/db/copy";
import type { Db } from "@/lib/db/open";
import { clientIp } from "@/lib/http/client-ip";
import { corsResponseHeaders, isOriginAllowed, requestOrigin } from "@/lib/http/cors";
import { ApiError } from "@/lib/http/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { json } from "@/lib/http/respond";
import { logger } from "@/lib/log";
import {
  enforceIngestIpLimit,
  enforceKeyLookupLimit,
  enforceProjectEventLimit,
} from "@/lib/ratelimit/ingest";
import { type EventError, rejectAt } from "./normalize/batch";
import { requestCaps } from "./normalize/limits";
import {
  type BodyJob,
  type CopyBatch,
  type EventBatch,
  prepareCopyBatch,
  prepareEventBatch,
} from "./prepare/copy-batch";
import { preparationThread } from "./prepare/prepare-threads";
import { bodyShape, readBodyText } from "./request/body";
import { requestCountry, requestUserAgent, storedIp } from "./request/client-meta";
import { authenticateIngestKey, presentedKey } from "./request/keys";
import { insertCopyRows, insertEvents, type StoreResult } from "./store/store";

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
    ctx.body.discard();
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
  const ipOf = () => (callerIp ??= clientIp(request, ctx.peerIp));
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
  const text = await readBodyText(ctx, shape, caps.maxBodyBytes);
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
  const canCopy = copyInto(db) !== undefined;
  const onThread = preparationThread(text.length, canCopy);
  // The same preparation on either lane (copy-batch.ts), then the same checks in the same order.
  const batch = await (onThread ?? (canCopy ? prepareCopyBatch : prepareEventBatch))(job);
  // The event limit counts the events the body holds, known only once it is parsed.
  addRateLimitHeaders(ctx.headers, await enforceProjectEventLimit(project, batch.received));
  const { outcome, prepared } = batch;
  if (prepared === 0) throw noValidEvent(outcome.errors);
  const stored = await storeBatch(db, job, batch);
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

/**
 * COPY rows as they are: while the COPY waits for its turn and its commit only their bytes are
 * held (store.ts insertCopyRows); the events, if Postgres refuses the COPY, are made again.
 */
function storeBatch(db: Db, job: BodyJob, batch: CopyBatch | EventBatch): Promise<StoreResult> {
  if ("events" in batch) return insertEvents(db, job.facts, batch.events);
  const { buffer, byteOffset, byteLength } = batch.data;
  const rows = Buffer.from(buffer, byteOffset, byteLength);
  return insertCopyRows(db, job.facts, rows, batch.prepared, () => rebuildEvents(job));
}

/** The same text, caps and time give the same events (for the INSERT after a refused COPY). */
function rebuildEvents(job: BodyJob) {
  return prepareEventBatch(job).events;
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
