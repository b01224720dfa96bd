import { BodyOverCap, discardRest, readUpTo } from "@/lib/http/body-source";
import { ApiError } from "@/lib/http/errors";
import type { RequestContext } from "@/lib/http/request-context";
import type { BodyFormat } from "@/lib/ingest/decode/decoders";
import {
  type ContentEncoding,
  contentEncoding,
  decompression,
  outputTooLarge,
  unbrotli,
} from "./decompress";

// The request body, bounded while it streams (threats SIZE-1, SIZE-2, V-11): Content-Length is
// checked first, then every raw and every decompressed byte is counted, so a chunked body or a
// gzip bomb stops at the cap instead of filling memory.

export type { BodyFormat };

export interface BodyShape {
  format: BodyFormat;
  encoding: ContentEncoding;
}

/** The bodies an endpoint takes: each media type's format (decode/decoders.ts). */
export interface AcceptedBodies {
  // A Map: a header naming "__proto__" or "constructor" must not find Object.prototype members.
  mediaTypes: ReadonlyMap<string, BodyFormat>;
  /** The 415's message. */
  hint: string;
}

/** POST /api/v1/logs's bodies. */
export const nativeBodies: AcceptedBodies = {
  mediaTypes: new Map<string, BodyFormat>([
    ["application/json", "json"],
    // What navigator.sendBeacon sends for a string: no CORS preflight (threat HTTP-1).
    ["text/plain", "json"],
    ["application/x-ndjson", "ndjson"],
  ]),
  hint: "Send application/json, text/plain or application/x-ndjson.",
};

/** The request's media type, without parameters, lower-case ("" when none). */
export function mediaTypeOf(headers: Headers): string {
  return (headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** 415 unless the content type and encoding are ones the endpoint accepts (docs/api.md). */
export function bodyShape(headers: Headers, accepted: AcceptedBodies = nativeBodies): BodyShape {
  const format = accepted.mediaTypes.get(mediaTypeOf(headers));
  if (!format) throw new ApiError("unsupported_media_type", accepted.hint);
  return { format, encoding: contentEncoding(headers, ["identity", "gzip"]) };
}

const tooLarge = (maxBytes: number) =>
  new ApiError("payload_too_large", `The body is over ${maxBytes} bytes (after decompression).`);

/** 413 from the header alone, before a byte of the body is read. */
export function checkDeclaredLength(headers: Headers, maxBytes: number): void {
  const declared = Number(headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
}

export const decodeUtf8 = (bytes: Uint8Array) =>
  // TextDecoder's default is replacement, not an exception, for invalid UTF-8 (threat ENC-3);
  // it also drops a leading byte-order mark.
  new TextDecoder("utf-8").decode(bytes);

const unreadable = (shape: BodyShape, cause: unknown) =>
  // Corrupt gzip, or a client that went away mid-body: its fault, never a 500 (and with nobody
  // listening, the status only matters for our own logs).
  new ApiError(
    "invalid_json",
    shape.encoding === "identity"
      ? "The body could not be read."
      : `The body is not valid ${shape.encoding}.`,
    { cause, body: { errors: [] } },
  );

/** Reads at most maxBytes (raw, and again after gunzip) and decodes UTF-8 with replacement. */
export async function readBodyText(
  ctx: RequestContext,
  shape: BodyShape,
  maxBytes: number,
): Promise<string> {
  return decodeUtf8(await readBody(ctx, shape, maxBytes));
}

/** Reads at most maxBytes (raw, and again after decompression): the body's bytes. */
export async function readBody(
  ctx: RequestContext,
  shape: BodyShape,
  maxBytes: number,
): Promise<Uint8Array> {
  checkDeclaredLength(ctx.request.headers, maxBytes);
  const source = ctx.body;
  const { encoding } = shape;
  if (encoding === "br") {
    const compressed = await readBody(ctx, { ...shape, encoding: "identity" }, maxBytes);
    return unbrotli(compressed, maxBytes).catch((err: { code?: string }) => {
      throw err.code === outputTooLarge ? tooLarge(maxBytes) : unreadable(shape, err);
    });
  }
  if (source.readAll && encoding === "identity") {
    return source.readAll(maxBytes).catch((err: unknown) => {
      throw err instanceof BodyOverCap ? tooLarge(maxBytes) : unreadable(shape, err);
    });
  }
  const body = source.stream();
  if (!body) return new Uint8Array(0);
  // Identity bodies are counted in the read loop itself; only compressed ones need a stream
  // pipeline (a TransformStream per request is measurable at ingest rates, docs/performance.md).
  const stream =
    encoding === "identity"
      ? body
      : body.pipeThrough(byteCap(maxBytes)).pipeThrough(decompression(encoding));
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  // The running count of what this reader receives: raw bytes, or decompressed ones.
  const read = await readUpTo(reader, maxBytes, (chunk) => chunks.push(chunk)).catch(
    (err: unknown) => {
      reader.cancel().catch(() => {});
      throw err instanceof ApiError ? err : unreadable(shape, err);
    },
  );
  if (read.over) {
    if (encoding !== "identity") reader.cancel().catch(() => {});
    else discardRest(reader);
    throw tooLarge(maxBytes);
  }
  return Buffer.concat(chunks, read.total);
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
