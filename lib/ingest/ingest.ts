import { getDb } from "@/lib/db/client";
import { copyInto } from "@/lib/db/copy";
import type { Db } from "@/lib/db/open";
import { clientIp } from "@/lib/http/client-ip";
import { corsResponseHeaders, isOriginAllowed, requestOrigin } from "@/lib/http/cors";
import { ApiError } from "@/lib/http/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { logger } from "@/lib/log";
import {
  enforceIngestIpLimit,
  enforceKeyLookupLimit,
  enforceProjectEventLimit,
} from "@/lib/ratelimit/ingest";
import { countRefusal, countStored, type RequestTrack } from "./accounting/count";
import { type Body, bodyLength, decoders } from "./decode/decoders";
import { hasSdkHealth, type SdkHealth } from "./decode/sentry/sdk-health";
import { type EventError, rejectAt } from "./normalize/batch";
import { requestCaps } from "./normalize/limits";
import type { NormalizedEvent } from "./normalize/schema";
import {
  type BodyJob,
  type CopyBatch,
  type EventBatch,
  prepareEventBatch,
} from "./prepare/copy-batch";
import { preparationThread } from "./prepare/prepare-threads";
import { groupWithSourceMaps, inlinePreparation } from "./prepare/source-map-grouping";
import { nativeProtocol } from "./protocols/native";
import { type BodyShape, decodeUtf8, readBody } from "./request/body";
import { requestCountry, requestUserAgent, storedIp } from "./request/client-meta";
import { authenticateIngestKey, type IngestProject } from "./request/keys";
import { addSdkHealth, insertEventsWithSdkHealth } from "./store/sdk-health";
import { insertCopyRows, insertEvents, type StoreResult } from "./store/store";

// One ingest request, stage by stage, for every protocol (native POST /api/v1/logs, OTLP…).
// The order is the cost order (threat SIZE-6): nothing an unauthenticated or rate-limited
// caller sends is read, decompressed or parsed. A protocol (protocols/) supplies only what
// differs: where its key comes from, which bodies it takes, and how it answers.

export interface IngestProtocol {
  /** The body's format (a decoder in decode/decoders.ts) and encoding, or 415. */
  bodyShape(headers: Headers): BodyShape;
  presentedKey(request: Request): string | undefined;
  /**
   * Where the body itself may name the key, when the request did not (a Sentry envelope's
   * `dsn` header): the body is then read, within the same caps, before the key is checked.
   */
  keyInBody?(bytes: Uint8Array): string | undefined;
  /** A check of the key's project against the request (a Sentry URL's project number): throws. */
  authorize?(request: Request, project: IngestProject): void;
  /** The answer once the valid events are committed (or when none was valid). */
  answer(ctx: RequestContext, result: IngestResult): Response;
  /** The answer to a refusal (ApiError), an outage or a bug (lib/http/respond.ts errorAnswer). */
  errorResponse(ctx: RequestContext, err: unknown): Response;
}

/** What a request came to, for the protocol's answer. */
export interface IngestResult {
  /** Events the body held, valid or not. */
  received: number;
  /** Rows inserted. */
  accepted: number;
  /** Valid events not inserted: their id was stored already or came earlier in the request. */
  duplicates: number;
  rejected: number;
  /** The first rejections, by position in the request. */
  errors: EventError[];
  /** What the decoder found for the answer (decode/decoders.ts). */
  answer?: Record<string, string>;
}

export interface IngestOptions {
  /** Tests pass their own database; the route uses the process-wide handle. */
  db?: Db;
  now?: () => Date;
}

export async function ingest(
  ctx: RequestContext,
  protocol: IngestProtocol,
  options: IngestOptions = {},
): Promise<Response> {
  // What the request came to, for ingest health (accounting/count.ts).
  const track: RequestTrack = {};
  try {
    return await ingestRequest(ctx, protocol, options, track);
  } catch (err) {
    countRefusal(track, err, ctx.request.headers);
    return protocol.errorResponse(ctx, err);
  } finally {
    // A request refused before its body was read (401, 403, 413 by Content-Length, 429) would
    // otherwise leave the client's upload stalled on a paused socket, never seeing the answer.
    ctx.body.discard();
  }
}

/** POST /api/v1/logs (protocols/native.ts). */
export function ingestLogs(ctx: RequestContext, options: IngestOptions = {}) {
  return ingest(ctx, nativeProtocol, options);
}

async function ingestRequest(
  ctx: RequestContext,
  protocol: IngestProtocol,
  options: IngestOptions,
  track: RequestTrack,
): Promise<Response> {
  const { request } = ctx;
  const origin = requestOrigin(request.headers);
  // Early errors (415, 401) stay readable by the page; a refused origin gets no CORS headers.
  if (origin) addHeaders(ctx.headers, corsResponseHeaders(origin));
  let key = protocol.presentedKey(request);
  track.key = key;
  const shape = protocol.bodyShape(request.headers);
  const db = options.db ?? (await getDb());
  // Worked out once, and only when asked for: a missing or malformed key is refused first.
  let callerIp: string | undefined;
  const ipOf = () => (callerIp ??= clientIp(request, ctx.peerIp));
  const caps = requestCaps();
  let bytes: Uint8Array | undefined;
  if (key === undefined && protocol.keyInBody) {
    bytes = await readBody(ctx, shape, caps.maxBodyBytes);
    key = protocol.keyInBody(bytes);
  }
  track.key = key;
  const { project } = await authenticateIngestKey(db, key, Date.now(), () =>
    enforceKeyLookupLimit(ipOf()),
  );
  track.projectId = project.id;
  protocol.authorize?.(request, project);
  if (origin && !isOriginAllowed(origin, project.allowedOrigins)) {
    for (const name of Object.keys(corsResponseHeaders(origin))) ctx.headers.delete(name);
    throw new ApiError("origin_not_allowed", "This origin may not send to this project.");
  }
  const ip = ipOf();
  addRateLimitHeaders(ctx.headers, await enforceIngestIpLimit(project, ip));

  bytes ??= await readBody(ctx, shape, caps.maxBodyBytes);
  // Text formats are decoded to text here, as they always were; byte formats stay bytes.
  const body: Body =
    decoders[shape.format].input === "text" ? { text: decodeUtf8(bytes) } : { bytes };
  const job: BodyJob = {
    ...body,
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
  const onThread = preparationThread(bodyLength(body), canCopy);
  // The same preparation on either lane (copy-batch.ts), then the same checks in the same order.
  const prepare = onThread ?? (await inlinePreparation(db, project.id, canCopy));
  const preparedBatch = await prepare(job);
  // The event limit counts the events the body holds, known only once it is parsed.
  track.events = preparedBatch.received;
  track.projectLimit = true;
  addRateLimitHeaders(ctx.headers, await enforceProjectEventLimit(project, preparedBatch.received));
  track.projectLimit = false;
  // Error events of a project with source maps are grouped by their original frames.
  const { batch, events } = await groupWithSourceMaps(db, job, preparedBatch, canCopy);
  const { outcome, prepared } = batch;
  // Events made again (an INSERT after a refused COPY, or beside Sentry counters) are these.
  const rebuild = events ? () => events : () => rebuildEvents(job);
  // Nothing valid is stored as nothing; the protocol says what that answers.
  const stored = await storeRequest(db, job, batch, rebuild);
  for (const index of stored.refused) {
    rejectAt(outcome, outcome.positions[index] ?? -1, "the database refused this event");
  }
  outcome.errors.sort((a, b) => a.index - b.index);
  const valid = prepared - stored.refused.length + outcome.repeatedInRequest;

  const result = {
    accepted: stored.inserted,
    duplicates: valid - stored.inserted,
    rejected: outcome.rejected,
  };
  countStored(project.id, {
    accepted: stored.inserted,
    rejected: outcome.rejected,
    clientDropped: clientDropped(batch.sdkHealth),
  });
  logger.debug(
    { requestId: ctx.requestId, projectId: project.id, ...result, onThread: Boolean(onThread) },
    "ingest",
  );
  return protocol.answer(ctx, {
    ...result,
    received: batch.received,
    errors: outcome.errors,
    ...(batch.answer && { answer: batch.answer }),
  });
}

/** What a client report says its SDK dropped (Sentry client_report; the Logwell script's). */
function clientDropped(health: SdkHealth | undefined): number {
  let dropped = 0;
  for (const drop of health?.drops ?? []) dropped += drop.quantity;
  return dropped;
}

const nothingStored: StoreResult = { inserted: 0, refused: [] };

/**
 * All of a request, or nothing: a failure answer (503) must not follow a partial write. Sentry
 * counters (sessions, client reports) with events commit in one transaction, on the INSERT path
 * (such envelopes are rare: SDKs send the counters mostly on their own); events alone keep the
 * COPY and its group commit; counters alone, their own transaction.
 */
async function storeRequest(
  db: Db,
  job: BodyJob,
  batch: CopyBatch | EventBatch,
  rebuild: () => readonly NormalizedEvent[],
): Promise<StoreResult> {
  const { sdkHealth, prepared } = batch;
  if (!hasSdkHealth(sdkHealth)) {
    return prepared === 0 ? nothingStored : storeBatch(db, job, batch, rebuild);
  }
  if (prepared === 0) {
    await addSdkHealth(db, job.facts.projectId, sdkHealth);
    return nothingStored;
  }
  const events = "events" in batch ? batch.events : rebuild();
  return insertEventsWithSdkHealth(db, job.facts, events, sdkHealth);
}

/**
 * COPY rows as they are: while the COPY waits for its turn and its commit only their bytes are
 * held (store.ts insertCopyRows); the events, if Postgres refuses the COPY, are made again.
 */
function storeBatch(
  db: Db,
  job: BodyJob,
  batch: CopyBatch | EventBatch,
  rebuild: () => readonly NormalizedEvent[],
): Promise<StoreResult> {
  if ("events" in batch) return insertEvents(db, job.facts, batch.events);
  const { buffer, byteOffset, byteLength } = batch.data;
  const rows = Buffer.from(buffer, byteOffset, byteLength);
  return insertCopyRows(db, job.facts, rows, batch.prepared, rebuild, batch.issues);
}

/**
 * The same text, caps and time give the same events (for the INSERT after a refused COPY, or
 * beside Sentry counters).
 */
function rebuildEvents(job: BodyJob) {
  return prepareEventBatch(job).events;
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
