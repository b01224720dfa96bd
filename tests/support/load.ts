import { v7 as uuidv7 } from "uuid";
import { benchEvent } from "@/scripts/bench/events";
import { keepAliveAgent, sendRequest } from "@/scripts/bench/http-post";

/**
 * A bounded loopback load generator that behaves like a well-made client SDK: every event has an
 * id, 429/503 and network errors are retried with the same ids (honouring Retry-After), anything
 * else is final. It records every attempt and which ids were acknowledged, so a test can check
 * conservation against the database (acked ids missing = 0, duplicates = 0; TC-21…23).
 */
export interface LoadOptions {
  url: string;
  key: string;
  connections: number;
  batchSize: number;
  /** Hard bound on batches started. */
  maxBatches: number;
  /** No new batch starts after this long (retries of started batches still finish). */
  durationMs: number;
  /** Attempts per batch before giving up (an un-acked batch is not an obligation). */
  maxAttempts?: number;
  /** Cap on one wait between attempts (default 10 s: the server's Retry-After is honoured). */
  maxRetryDelayMs?: number;
  requestTimeoutMs?: number;
  /** Stop starting new batches when this returns true. */
  shouldStop?: () => boolean;
  /** Called after every attempt (e.g. to trigger a fault once N batches are acked). */
  onAttempt?: (attempt: AttemptRecord, progress: LoadProgress) => void;
}

export type AttemptStatus = number | "network-error";

export interface AttemptRecord {
  batch: number;
  /** Sent as X-Request-ID, so stored rows can be traced back to the attempt. */
  requestId: string;
  status: AttemptStatus;
  accepted?: number;
  duplicates?: number;
  rejected?: number;
  retryAfter?: string;
  /** Echoed X-Request-ID (undefined on a network error). */
  echoedRequestId?: string;
  error?: string;
  startedAt: number;
  endedAt: number;
}

export interface BatchRecord {
  index: number;
  ids: string[];
  acked: boolean;
}

export interface LoadProgress {
  batchesStarted: number;
  batchesAcked: number;
}

export interface LoadResult {
  batches: BatchRecord[];
  attempts: AttemptRecord[];
  ackedIds: string[];
  statusCounts: Record<string, number>;
}

const retryable = (status: AttemptStatus) =>
  status === "network-error" || status === 429 || status === 503;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const maxAttempts = options.maxAttempts ?? 30;
  const maxDelay = options.maxRetryDelayMs ?? 10_000;
  const agent = keepAliveAgent(options.connections);
  const endpoint = new URL("/api/v1/logs", options.url);
  const prefix = uuidv7();
  const batches: BatchRecord[] = [];
  const attempts: AttemptRecord[] = [];
  const progress: LoadProgress = { batchesStarted: 0, batchesAcked: 0 };
  const deadline = Date.now() + options.durationMs;

  const sendBatch = async (batch: BatchRecord) => {
    const body = Buffer.from(
      JSON.stringify({ events: batch.ids.map((id, i) => benchEvent(id, batch.index + i)) }),
    );
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const record: AttemptRecord = {
        batch: batch.index,
        requestId: uuidv7(),
        status: "network-error",
        startedAt: Date.now(),
        endedAt: 0,
      };
      try {
        const reply = await sendRequest(
          agent,
          endpoint,
          "POST",
          {
            "content-type": "application/json",
            "x-logwell-key": options.key,
            "x-request-id": record.requestId,
          },
          body,
          options.requestTimeoutMs ?? 15_000,
        );
        record.status = reply.status;
        record.echoedRequestId = header(reply.headers["x-request-id"]);
        record.retryAfter = header(reply.headers["retry-after"]);
        if (reply.status === 202) {
          const parsed = JSON.parse(reply.body) as Record<string, number>;
          record.accepted = parsed.accepted;
          record.duplicates = parsed.duplicates;
          record.rejected = parsed.rejected;
        }
      } catch (err) {
        record.error = err instanceof Error ? err.message : String(err);
      }
      record.endedAt = Date.now();
      attempts.push(record);
      if (record.status === 202) {
        batch.acked = true;
        progress.batchesAcked++;
      }
      options.onAttempt?.(record, progress);
      if (!retryable(record.status)) return;
      await sleep(retryDelay(record.retryAfter, attempt, maxDelay));
    }
  };

  const sender = async () => {
    while (
      Date.now() < deadline &&
      progress.batchesStarted < options.maxBatches &&
      !options.shouldStop?.()
    ) {
      const index = progress.batchesStarted++;
      const ids = Array.from({ length: options.batchSize }, (_, i) => `${prefix}-${index}-${i}`);
      const batch: BatchRecord = { index, ids, acked: false };
      batches.push(batch);
      await sendBatch(batch);
    }
  };

  try {
    await Promise.all(Array.from({ length: options.connections }, sender));
  } finally {
    agent.destroy();
  }
  const statusCounts: Record<string, number> = {};
  for (const a of attempts)
    statusCounts[String(a.status)] = (statusCounts[String(a.status)] ?? 0) + 1;
  return {
    batches,
    attempts,
    ackedIds: batches.filter((b) => b.acked).flatMap((b) => b.ids),
    statusCounts,
  };
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Retry-After in seconds when given (capped), else exponential backoff with jitter. */
export function retryDelay(retryAfter: string | undefined, attempt: number, maxMs: number): number {
  const seconds = retryAfter === undefined ? Number.NaN : Number(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, maxMs);
  const base = Math.min(maxMs, 50 * 2 ** (attempt - 1));
  return base / 2 + Math.random() * (base / 2);
}
