import { Readable } from "node:stream";
import { ApiError } from "@/lib/http/errors";
import { nodeRequestOf } from "@/lib/http/node-request";

// The request body, bounded while it streams (threats SIZE-1, SIZE-2, V-11): Content-Length is
// checked first, then every raw and every decompressed byte is counted, so a chunked body or a
// gzip bomb stops at the cap instead of filling memory.

export type BodyFormat = "json" | "ndjson";

export interface BodyShape {
  format: BodyFormat;
  gzip: boolean;
}

// A Map: a header naming "__proto__" or "constructor" must not find Object.prototype members.
const mediaTypes = new Map<string, BodyFormat>([
  ["application/json", "json"],
  // What navigator.sendBeacon sends for a string: no CORS preflight (threat HTTP-1).
  ["text/plain", "json"],
  ["application/x-ndjson", "ndjson"],
]);

/** 415 unless the content type and encoding are ones docs/api.md accepts. */
export function bodyShape(headers: Headers): BodyShape {
  const mediaType = (headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const format = mediaTypes.get(mediaType);
  if (!format) {
    throw new ApiError(
      "unsupported_media_type",
      "Send application/json, text/plain or application/x-ndjson.",
    );
  }
  const encoding = (headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding !== "identity" && encoding !== "gzip" && encoding !== "x-gzip") {
    throw new ApiError("unsupported_media_type", "Content-Encoding must be gzip or absent.");
  }
  return { format, gzip: encoding !== "identity" };
}

const tooLarge = (maxBytes: number) =>
  new ApiError("payload_too_large", `The body is over ${maxBytes} bytes (after decompression).`);

/** 413 from the header alone, before a byte of the body is read. */
export function checkDeclaredLength(headers: Headers, maxBytes: number): void {
  const declared = Number(headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
}

// The direct lane's requests carry Node's request stream instead of `request.body`
// (lib/http/node-request.ts): an identity body is read straight from it, without the web-stream
// layer and its CPU per request (docs/performance.md); gzip goes through web streams.
const takenBodies = new WeakSet<Request>();

/** The Node stream of a direct-lane request, handed out once (to the reader or the drain). */
function takeNodeBody(request: Request): Readable | undefined {
  if (takenBodies.has(request)) return undefined;
  takenBodies.add(request);
  return nodeRequestOf(request);
}

const decodeUtf8 = (bytes: Uint8Array) =>
  // TextDecoder's default is replacement, not an exception, for invalid UTF-8 (threat ENC-3);
  // it also drops a leading byte-order mark.
  new TextDecoder("utf-8").decode(bytes);

const unreadable = (shape: BodyShape, cause: unknown) =>
  // Corrupt gzip, or a client that went away mid-body: its fault, never a 500 (and with nobody
  // listening, the status only matters for our own logs).
  new ApiError(
    "invalid_json",
    shape.gzip ? "The body is not valid gzip." : "The body could not be read.",
    { cause, body: { errors: [] } },
  );

/** Reads at most maxBytes (raw, and again after gunzip) and decodes UTF-8 with replacement. */
export async function readBodyText(
  request: Request,
  shape: BodyShape,
  maxBytes: number,
): Promise<string> {
  checkDeclaredLength(request.headers, maxBytes);
  const node = takeNodeBody(request);
  if (node && !shape.gzip) return decodeUtf8(await readNodeBody(node, shape, maxBytes));
  const body = node ? (Readable.toWeb(node) as ReadableStream<Uint8Array>) : request.body;
  if (!body) return "";
  // Identity bodies are counted in the read loop itself; only gzip needs a stream pipeline
  // (a TransformStream per request is measurable at ingest rates, docs/performance.md).
  const stream = shape.gzip
    ? body
        .pipeThrough(byteCap(maxBytes))
        .pipeThrough(
          new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>,
        )
    : body;
  const chunks: Uint8Array[] = [];
  let total = 0;
  let overCap = false;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      // The running count of what this loop receives: raw bytes, or decompressed ones.
      if (total > maxBytes) {
        overCap = true;
        break;
      }
      chunks.push(value);
    }
  } catch (err) {
    reader.cancel().catch(() => {});
    if (err instanceof ApiError) throw err;
    throw unreadable(shape, err);
  }
  if (overCap) {
    if (shape.gzip) reader.cancel().catch(() => {});
    else discardRest(reader);
    throw tooLarge(maxBytes);
  }
  return decodeUtf8(Buffer.concat(chunks, total));
}

/** An identity body from Node's stream, counted as it arrives (the same cap as above). */
function readNodeBody(node: Readable, shape: BodyShape, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const settle = () => {
      node.off("data", onData);
      node.off("end", onEnd);
      node.off("error", onFailure);
      node.off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      settle();
      drainNode(node);
      reject(tooLarge(maxBytes));
    };
    const onEnd = () => {
      settle();
      resolve(Buffer.concat(chunks, total));
    };
    const onFailure = (err: unknown) => {
      settle();
      reject(unreadable(shape, err));
    };
    // The client went away before the end: no "end" will come.
    const onClose = () => onFailure(new Error("the request closed before its body ended"));
    // It may have gone while the key was being checked, before anyone listened.
    if (node.destroyed) {
      onFailure(node.errored ?? new Error("the request closed before its body was read"));
      return;
    }
    node.on("data", onData);
    node.once("end", onEnd);
    node.once("error", onFailure);
    node.once("close", onClose);
  });
}

/** Drops, within the same bounds, a body nobody read (the request was refused first). */
export function discardUnreadBody(request: Request): void {
  const node = takeNodeBody(request);
  if (node) drainNode(node);
  else if (request.body && !request.body.locked) {
    discardRest(request.body.getReader());
  }
}

const discardBytes = 16 * 1024 * 1024;
/** How long an unread body is drained (bounded) before the connection is given up. */
export const discardMs = 10_000;

/**
 * Reads and drops what an over-cap client is still uploading, within bounds, before closing.
 * Cancelling at once resets the connection under the client's feet: it sees a network error,
 * which it must retry, instead of the final 413 (seen in TC-06 runs as EPIPE).
 */
function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  const stop = () => reader.cancel().catch(() => {});
  const timer = setTimeout(stop, discardMs);
  timer.unref?.();
  void (async () => {
    let dropped = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        dropped += value.byteLength;
        if (dropped > discardBytes) {
          await stop();
          break;
        }
      }
    } catch {
      // The client went away: nothing left to protect.
    } finally {
      clearTimeout(timer);
    }
  })();
}

/** discardRest for Node's stream: read and drop at most discardBytes, for at most discardMs. */
function drainNode(node: Readable): void {
  let dropped = 0;
  const stop = () => {
    clearTimeout(timer);
    node.off("data", onData);
    node.destroy();
  };
  const onData = (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > discardBytes) stop();
  };
  const timer = setTimeout(stop, discardMs);
  timer.unref?.();
  node.on("data", onData);
  node.once("end", () => clearTimeout(timer));
  node.once("close", () => clearTimeout(timer));
  node.resume();
}

/** Passes compressed bytes through until more than maxBytes went by, then fails with 413. */
function byteCap(maxBytes: number): TransformStream<Uint8Array, Uint8Array> {
  let seen = 0;
  return new TransformStream({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen > maxBytes) controller.error(tooLarge(maxBytes));
      else controller.enqueue(chunk);
    },
  });
}
