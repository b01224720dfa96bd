import { parentPort } from "node:worker_threads";
import { ApiError } from "@/lib/http/errors";
import { type BodyJob, prepareCopyBatch } from "./copy-batch";
import type { ThreadReply } from "./prepare-threads";

// The entry of a preparation thread (prepare-threads.ts), bundled on its own by
// scripts/build-ingest-worker.mjs: body text in, COPY rows out, the bytes moved, not copied.

parentPort?.on("message", ({ id, job }: { id: number; job: BodyJob }) => {
  let reply: ThreadReply;
  try {
    const batch = prepareCopyBatch(job);
    // TextEncoder output owns a whole (non-shared) ArrayBuffer: moving it leaves nothing behind.
    parentPort?.postMessage({ id, batch } satisfies ThreadReply, [
      batch.data.buffer as ArrayBuffer,
    ]);
    return;
  } catch (err) {
    reply =
      err instanceof ApiError
        ? { id, apiError: { code: err.code, message: err.message, body: err.details.body } }
        : { id, failure: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(reply);
});
