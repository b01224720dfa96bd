import { brotliDecompress } from "node:zlib";
import { ApiError } from "@/lib/http/errors";

// Content-Encoding, read and undone. Native ingest and OTLP take gzip; Sentry's mobile SDKs
// also send deflate (zlib-wrapped, as HTTP means it) and br. The caller counts what comes out
// (request/body.ts), so a bomb in any of them stops at the cap.

export const contentEncodings = ["identity", "gzip", "deflate", "br"] as const;
export type ContentEncoding = (typeof contentEncodings)[number];

/** The request's encoding if `accepted` has it, else 415 (`x-gzip` is gzip). */
export function contentEncoding(
  headers: Headers,
  accepted: readonly ContentEncoding[],
): ContentEncoding {
  const named = (headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  const encoding = (named === "x-gzip" ? "gzip" : named) as ContentEncoding;
  if (!accepted.includes(encoding)) {
    const others = accepted.filter((e) => e !== "identity").join(", ");
    throw new ApiError("unsupported_media_type", `Content-Encoding must be ${others} or absent.`);
  }
  return encoding;
}

/** A stream that undoes gzip or deflate; the caller counts (and caps) what comes out. */
export function decompression(encoding: "gzip" | "deflate") {
  return new DecompressionStream(encoding) as unknown as TransformStream<Uint8Array, Uint8Array>;
}

/** zlib's refusal of an output over maxOutputLength. */
export const outputTooLarge = "ERR_BUFFER_TOO_LARGE";

/**
 * Brotli, which Node 20's DecompressionStream lacks: the compressed body (already within the
 * cap) is inflated in one call that stops past maxBytes of output (rejecting with
 * outputTooLarge), so a bomb costs at most the cap.
 */
export function unbrotli(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    brotliDecompress(bytes, { maxOutputLength: maxBytes }, (err, out) =>
      err ? reject(err) : resolve(out),
    );
  });
}
