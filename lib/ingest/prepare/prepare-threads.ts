import { Worker } from "node:worker_threads";
import { env } from "@/lib/env";
import { ApiError, type ErrorCode } from "@/lib/http/errors";
import { logger } from "@/lib/log";
import type { BodyJob, CopyBatch } from "./copy-batch";

// Preparation threads: on `npm start` (scripts/server.mjs), big bodies are parsed, normalised
// and written as COPY rows (copy-batch.ts) on worker threads, so one server process keeps its
// event loop for HTTP and Postgres and uses a second core for the per-event work, which is most
// of ingest's CPU at large batches (docs/performance.md). Bodies below minThreadLength stay on
// the main thread: posting a job costs more than preparing a few events. Without a worker
// bundle (`next dev`, Vercel, plain `next start`) every body is prepared inline.

/** Bodies shorter than this (characters of the decoded text) are prepared on the main thread. */
export const minThreadLength = 8 * 1024;

/** What a thread posts back: the batch, or the error preparing it threw. */
export type ThreadReply =
  | { id: number; batch: CopyBatch }
  | { id: number; apiError: { code: ErrorCode; message: string; body?: Record<string, unknown> } }
  | { id: number; failure: string };

interface Pending {
  resolve(batch: CopyBatch): void;
  reject(err: unknown): void;
}

class PrepareThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  dead = false;

  constructor(readonly file: string) {
    this.worker = new Worker(file);
    // Never what keeps the process alive: shutdown is scripts/server.mjs's job.
    this.worker.unref();
    this.worker.on("message", (reply: ThreadReply) => this.settle(reply));
    this.worker.on("error", (err) => this.fail(err));
    this.worker.on("exit", (code) => this.fail(new Error(`preparation thread exited (${code})`)));
  }

  get load(): number {
    return this.pending.size;
  }

  prepare(job: BodyJob): Promise<CopyBatch> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, job });
    });
  }

  private settle(reply: ThreadReply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if ("batch" in reply) waiting.resolve(reply.batch);
    else if ("apiError" in reply) {
      const { code, message, body } = reply.apiError;
      waiting.reject(new ApiError(code, message, { body }));
    } else waiting.reject(new Error(`preparation failed: ${reply.failure}`));
  }

  /** Every job in flight fails (a 500: nothing of it was stored); the next job gets a new thread. */
  private fail(err: unknown): void {
    if (this.dead) return;
    this.dead = true;
    logger.error({ err, inFlight: this.pending.size }, "ingest: preparation thread stopped");
    for (const waiting of this.pending.values()) waiting.reject(err);
    this.pending.clear();
    void this.worker.terminate();
  }
}

interface ThreadConfig {
  file: string;
  count: number;
}

let threads: PrepareThread[] = [];

/** Both set by scripts/server.mjs (lib/env.ts). */
function threadConfig(): ThreadConfig | undefined {
  const { LOGWELL_INGEST_WORKER_FILE: file, LOGWELL_INGEST_THREAD_COUNT: count } = env();
  return file && count > 0 ? { file, count } : undefined;
}

/**
 * A thread to prepare this body on, or undefined to prepare it inline: threads are off, the
 * body is small, or the store cannot take COPY rows (PGlite, Neon).
 */
export function preparationThread(
  bodyLength: number,
  canCopy: boolean,
): ((job: BodyJob) => Promise<CopyBatch>) | undefined {
  if (!canCopy || bodyLength < minThreadLength) return undefined;
  const config = threadConfig();
  if (!config) return undefined;
  threads = threads.filter((thread) => !thread.dead && thread.file === config.file);
  while (threads.length < config.count) threads.push(new PrepareThread(config.file));
  // The least busy one; ties go to the first.
  let chosen = threads[0] as PrepareThread;
  for (const thread of threads) if (thread.load < chosen.load) chosen = thread;
  return (job) => chosen.prepare(job);
}
