import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { requestContext } from "@/lib/http/request-context";
import { parseEvents, UnparseableLine } from "@/lib/ingest/decode/native";
import { bodyShape, readBodyText } from "@/lib/ingest/request/body";

const MiB = 1024 * 1024;
const chunkSize = 64 * 1024;

/** A request whose body is `chunks` chunks, counting how many the reader actually pulled. */
function countingRequest(chunks: Uint8Array[], headers: Record<string, string> = {}) {
  const pulled = { chunks: 0, bytes: 0 };
  let index = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const chunk = chunks[index++];
        if (!chunk) return controller.close();
        pulled.chunks++;
        pulled.bytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
      // No prefetch: a chunk is pulled only when the reader asks for it.
    },
    { highWaterMark: 0 },
  );
  const request = new Request("http://localhost/api/v1/logs", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    duplex: "half",
  } as RequestInit);
  return { request, pulled };
}

function splitIntoChunks(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) out.push(bytes.subarray(i, i + chunkSize));
  return out;
}

// TC-06 (b), (c) measured at the source: how much of an oversized body is ever read.
describe("TC-06 bounded reading", () => {
  it("stops a chunked 64 MiB body: 413 at the cap, a bounded discard, never the whole body", async () => {
    const chunk = new Uint8Array(chunkSize).fill(0x20);
    const { request, pulled } = countingRequest(Array.from({ length: 1024 }, () => chunk));
    await expect(
      readBodyText(requestContext(request), { format: "json", encoding: "identity" }, MiB),
    ).rejects.toMatchObject({
      code: "payload_too_large",
    });
    // Kept: at most the cap. Read at all: the cap plus what is discarded so the client sees
    // the 413 instead of a reset (16 MiB), never the whole 64 MiB body.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pulled.bytes).toBeLessThanOrEqual(MiB + 16 * MiB + 2 * chunkSize);
    expect(pulled.bytes).toBeLessThan(64 * MiB);
  });

  it("stops a gzip bomb after about the cap of decompressed output", async () => {
    // Ten gzip members of 100 MiB of spaces each: 1 GiB in under 1 MiB (threat V-11).
    const member = gzipSync(Buffer.alloc(100 * MiB, 0x20), { level: 9 });
    const bomb = Buffer.concat(Array.from({ length: 10 }, () => member));
    expect(bomb.length).toBeLessThan(MiB);
    const { request, pulled } = countingRequest(splitIntoChunks(bomb), {
      "content-encoding": "gzip",
    });
    const buffersBefore = process.memoryUsage().arrayBuffers;
    await expect(
      readBodyText(requestContext(request), { format: "json", encoding: "gzip" }, MiB),
    ).rejects.toMatchObject({
      code: "payload_too_large",
    });
    // All compressed input may be queued (it is under the raw cap); the output is not: the
    // decompressor is only pulled for as long as the running count stays under the cap.
    expect(pulled.bytes).toBeLessThanOrEqual(MiB);
    expect(process.memoryUsage().arrayBuffers - buffersBefore).toBeLessThan(256 * MiB);
  });

  it("refuses by Content-Length without pulling a byte", async () => {
    const { request, pulled } = countingRequest([new Uint8Array(10)], {
      "content-length": String(MiB + 1),
    });
    await expect(
      readBodyText(requestContext(request), { format: "json", encoding: "identity" }, MiB),
    ).rejects.toMatchObject({
      code: "payload_too_large",
    });
    expect(pulled.chunks).toBe(0);
  });

  it("reads a body of exactly the cap, and decodes invalid UTF-8 with replacement", async () => {
    const bytes = new Uint8Array(MiB).fill(0x61);
    bytes[0] = 0xff;
    const { request } = countingRequest(splitIntoChunks(bytes));
    const text = await readBodyText(
      requestContext(request),
      { format: "json", encoding: "identity" },
      MiB,
    );
    expect(text.length).toBe(MiB);
    expect(text[0]).toBe("\uFFFD");
  });

  it("invalid gzip is 400 invalid_json", async () => {
    const { request } = countingRequest([new TextEncoder().encode("not gzip")]);
    await expect(
      readBodyText(requestContext(request), { format: "json", encoding: "gzip" }, MiB),
    ).rejects.toMatchObject({
      code: "invalid_json",
    });
  });
});

describe("deflate and brotli (Sentry SDKs)", () => {
  const read = (body: Uint8Array, encoding: "deflate" | "br", maxBytes = MiB) =>
    readBodyText(
      requestContext(countingRequest(splitIntoChunks(body)).request),
      { format: "sentry-envelope", encoding },
      maxBytes,
    );

  it("undoes both", async () => {
    const text = '{"message":"héllo"}';
    expect(await read(deflateSync(text), "deflate")).toBe(text);
    expect(await read(brotliCompressSync(text), "br")).toBe(text);
  });

  it("a bomb in either is 413 at the cap of output; a corrupt body is 400", async () => {
    const big = Buffer.alloc(8 * MiB, 0x20);
    for (const [body, encoding] of [
      [deflateSync(big), "deflate"],
      [brotliCompressSync(big), "br"],
    ] as const) {
      await expect(read(body, encoding)).rejects.toMatchObject({ code: "payload_too_large" });
      await expect(read(Buffer.from("not compressed"), encoding)).rejects.toMatchObject({
        status: 400,
      });
    }
  });
});

describe("content types and encodings", () => {
  it.each([
    ["application/json", undefined, "json"],
    ["Application/JSON; charset=utf-8", undefined, "json"],
    ["text/plain;charset=UTF-8", undefined, "json"],
    ["application/x-ndjson", "gzip", "ndjson"],
  ])("%s (%s) → %s", (type, encoding, format) => {
    const headers = new Headers({ "content-type": type });
    if (encoding) headers.set("content-encoding", encoding);
    expect(bodyShape(headers)).toEqual({ format, encoding: encoding ?? "identity" });
  });

  it.each([
    ["", undefined],
    ["application/xml", undefined],
    ["multipart/form-data; boundary=x", undefined],
    ["application/json", "br"],
    ["application/json", "deflate"],
    ["__proto__", undefined],
    ["constructor", undefined],
  ])("%j (%s) → 415", (type, encoding) => {
    const headers = new Headers(type ? { "content-type": type } : {});
    if (encoding) headers.set("content-encoding", encoding);
    expect(() => bodyShape(headers)).toThrow(
      expect.objectContaining({ code: "unsupported_media_type" }),
    );
  });
});

describe("batch shapes", () => {
  it.each([
    ['{"message":"a"}', 1],
    ['[{"message":"a"},{"message":"b"}]', 2],
    ['{"events":[{"message":"a"}]}', 1],
    ['{"events":{"message":"a"}}', 1],
    ["[]", 0],
  ])("%s → %i events", (text, count) => {
    expect(parseEvents(text, "json", 1000)).toHaveLength(count);
  });

  it("NDJSON: blank lines skipped, a bad line becomes that event's rejection", () => {
    const events = parseEvents('{"message":"a"}\r\n\n  \nnope\n{"message":"b"}', "ndjson", 1000);
    expect(events).toHaveLength(3);
    expect(events[1]).toBeInstanceOf(UnparseableLine);
  });

  it("NDJSON with no parseable line is invalid_json, listing the lines", () => {
    expect(() => parseEvents("a\nb", "ndjson", 1000)).toThrow(
      expect.objectContaining({
        code: "invalid_json",
        details: expect.objectContaining({
          body: {
            errors: [
              { index: 0, message: "line is not valid JSON" },
              { index: 1, message: "line is not valid JSON" },
            ],
          },
        }),
      }),
    );
  });

  it("counts before parsing: 1,001 → 413", () => {
    const lines = Array.from({ length: 1001 }, () => "x").join("\n");
    expect(() => parseEvents(lines, "ndjson", 1000)).toThrow(
      expect.objectContaining({ code: "payload_too_large" }),
    );
  });
});
