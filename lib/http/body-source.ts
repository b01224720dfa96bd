// Where a request's body comes from. Next's routes read the Request's own stream (below);
// `npm start`'s direct lane hands in Node's stream instead (lib/http/direct-lane/node-body.ts),
// through the request context (lib/http/request-context.ts). Whoever reads it keeps the caps
// (lib/ingest/request/body.ts); a source only hands the bytes out, once.

export interface BodySource {
  /**
   * The whole body at once, where the source has a cheaper way than a web stream (the direct
   * lane's identity bodies). Rejects with BodyOverCap past maxBytes, dropping the rest within
   * the discard bounds. Absent: read stream().
   */
  readAll?(maxBytes: number): Promise<Uint8Array>;
  /** The body as a web stream; null when there is none or it was handed out already. */
  stream(): ReadableStream<Uint8Array> | null;
  /** Drops, within bounds, a body nobody read (the request was refused first). */
  discard(): void;
}

/** readAll's refusal: more than maxBytes arrived. */
export class BodyOverCap extends Error {}

/** At most this much of an unread body is read and dropped, for at most discardMs. */
export const discardBytes = 16 * 1024 * 1024;
export const discardMs = 10_000;

/** The Request's own body (Next's routes, tests). */
export function webBodySource(request: Request): BodySource {
  let taken = false;
  return {
    stream() {
      if (taken) return null;
      taken = true;
      return request.body;
    },
    discard() {
      if (taken) return;
      taken = true;
      if (request.body && !request.body.locked) discardRest(request.body.getReader());
    },
  };
}

/**
 * Reads and drops what an over-cap client is still uploading, within bounds, before closing.
 * Cancelling at once resets the connection under the client's feet: it sees a network error,
 * which it must retry, instead of the final 413 (seen in TC-06 runs as EPIPE).
 */
export function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  const stop = () => reader.cancel().catch(() => {});
  const timer = setTimeout(stop, discardMs);
  timer.unref?.();
  void readUpTo(reader, discardBytes)
    .then(({ over }) => (over ? stop() : undefined))
    // The client went away: nothing left to protect.
    .catch(() => {})
    .finally(() => clearTimeout(timer));
}

/**
 * Reads a stream to its end, handing each chunk to `keep`, unless more than `maxBytes` arrive:
 * then it stops at once and says so (the caller cancels or drains). A failing stream throws.
 */
export async function readUpTo(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  maxBytes: number,
  keep?: (chunk: Uint8Array) => void,
): Promise<{ over: boolean; total: number }> {
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { over: false, total };
    total += value.byteLength;
    if (total > maxBytes) return { over: true, total };
    keep?.(value);
  }
}
