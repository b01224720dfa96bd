import { parentPort } from "node:worker_threads";
import { ApiError } from "@/lib/http/errors";
import { type BodyJob, type CopyBatch, prepareCopyBatch } from "./copy-batch";
import type { ThreadReply } from "./prepare-threads";

// The entry of a preparation thread (prepare-threads.ts), bundled on its own by
// scripts/build-ingest-worker.mjs: body text in, COPY rows out, the bytes moved, not copied.

parentPort?.on("message", ({ id, job }: { id: number; job: BodyJob }) => {
  let batch: CopyBatch;
  try {
    batch = prepareCopyBatch(job);
  } catch (err) {
    parentPort?.postMessage(failure(id, err));
    return;
  }
  // TextEncoder output owns a whole (non-shared) ArrayBuffer: moving it leaves nothing behind.
  const reply: ThreadReply = { id, batch };
  parentPort?.postMessage(reply, [batch.data.buffer as ArrayBuffer]);
});

/** A 4xx crosses as the same ApiError (prepare-threads.ts rebuilds it); anything else as text. */
function failure(id: number, err: unknown): ThreadReply {
  return err instanceof ApiError
    ? { id, apiError: { code: err.code, message: err.message, body: err.details.body } }
    : { id, failure: err instanceof Error ? err.message : String(err) };
}
