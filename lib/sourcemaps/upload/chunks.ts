import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { inArray, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { sourcemapChunks } from "@/lib/db/schema";
import { ApiError } from "@/lib/http/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { sourcemapLimits } from "../limits";
import { readMultipartForm } from "./multipart";

// The chunk upload (sentry-cli's third call): a multipart body, one part per chunk, named
// `file_gzip` (gzip of the chunk) or `file`, whose filename is the chunk's SHA-1. Every chunk
// is checked against its name before it is kept, so an assembled bundle is what the client
// hashed.

export const sha1 = (bytes: Uint8Array) => createHash("sha1").update(bytes).digest("hex");

const checksumPattern = /^[0-9a-f]{40}$/;
export const isChecksum = (value: unknown): value is string =>
  typeof value === "string" && checksumPattern.test(value);

const invalid = (detail: string) => new ApiError("invalid_request", detail);

export interface Chunk {
  checksum: string;
  data: Uint8Array;
}

/** The chunks of one upload request, each verified; 400/413 with a detail otherwise. */
export async function readChunkParts(ctx: RequestContext): Promise<Chunk[]> {
  const form = await readMultipartForm(
    ctx,
    sourcemapLimits.requestBytes,
    "Send the chunks as multipart/form-data.",
  );
  const chunks: Chunk[] = [];
  for (const [name, value] of form) {
    if (name !== "file" && name !== "file_gzip") continue;
    if (typeof value === "string") throw invalid(`Part ${name} is not a file.`);
    if (chunks.length === sourcemapLimits.chunksPerRequest) {
      throw invalid(`At most ${sourcemapLimits.chunksPerRequest} chunks per request.`);
    }
    const raw = new Uint8Array(await value.arrayBuffer());
    const data = name === "file_gzip" ? gunzipChunk(raw) : raw;
    if (data.byteLength > sourcemapLimits.chunkBytes) throw oversizedChunk(data.byteLength);
    const checksum = value.name.toLowerCase();
    if (!isChecksum(checksum) || sha1(data) !== checksum) {
      throw invalid(`Chunk ${value.name.slice(0, 64)} does not match its SHA-1.`);
    }
    chunks.push({ checksum, data });
  }
  return chunks;
}

const oversizedChunk = (bytes: number) =>
  new ApiError(
    "payload_too_large",
    `A chunk is at most ${sourcemapLimits.chunkBytes} bytes; this one is ${bytes}.`,
  );

function gunzipChunk(raw: Uint8Array): Uint8Array {
  try {
    return gunzipSync(raw, { maxOutputLength: sourcemapLimits.chunkBytes + 1 });
  } catch (cause) {
    if ((cause as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      throw oversizedChunk(sourcemapLimits.chunkBytes + 1);
    }
    throw new ApiError("invalid_request", "A file_gzip part is not valid gzip.", { cause });
  }
}

/** Keeps the chunks (a chunk already kept stays as it is); 413 past the pending cap. */
export async function storeChunks(db: Db, chunks: Chunk[]): Promise<void> {
  if (chunks.length === 0) return;
  const [pending] = await queryRows<{ bytes: string | number | null }>(
    db,
    sql`SELECT sum(size) AS bytes FROM sourcemap_chunks`,
  );
  const incoming = chunks.reduce((sum, c) => sum + c.data.byteLength, 0);
  if (Number(pending?.bytes ?? 0) + incoming > sourcemapLimits.pendingChunkBytes) {
    throw new ApiError(
      "payload_too_large",
      `Uploads waiting to be assembled hold over ${sourcemapLimits.pendingChunkBytes} bytes; ` +
        "assemble them or retry later.",
    );
  }
  await db
    .insert(sourcemapChunks)
    .values(chunks.map((c) => ({ checksum: c.checksum, data: c.data, size: c.data.byteLength })))
    .onConflictDoNothing();
}

/** The checksums of `wanted` that are not stored, in the order asked. */
export async function missingChunks(db: Db, wanted: readonly string[]): Promise<string[]> {
  if (wanted.length === 0) return [];
  const rows = await db
    .select({ checksum: sourcemapChunks.checksum })
    .from(sourcemapChunks)
    .where(inArray(sourcemapChunks.checksum, [...new Set(wanted)]));
  const present = new Set(rows.map((r) => r.checksum));
  return wanted.filter((c) => !present.has(c));
}

/** The chunks' bytes joined in order; null when one went missing meanwhile. */
export async function joinChunks(db: Db, checksums: readonly string[]): Promise<Uint8Array | null> {
  const rows = await db
    .select({ checksum: sourcemapChunks.checksum, data: sourcemapChunks.data })
    .from(sourcemapChunks)
    .where(inArray(sourcemapChunks.checksum, [...new Set(checksums)]));
  const byChecksum = new Map(rows.map((r) => [r.checksum, r.data]));
  const parts: Uint8Array[] = [];
  for (const checksum of checksums) {
    const data = byChecksum.get(checksum);
    if (!data) return null;
    parts.push(data);
  }
  return Buffer.concat(parts);
}

export async function deleteChunks(db: Db, checksums: readonly string[]): Promise<void> {
  if (checksums.length === 0) return;
  await db.delete(sourcemapChunks).where(inArray(sourcemapChunks.checksum, [...checksums]));
}
