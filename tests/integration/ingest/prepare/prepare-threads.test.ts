import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fc } from "@fast-check/vitest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { ApiError } from "@/lib/http/errors";
import { type BodyJob, prepareCopyBatch } from "@/lib/ingest/prepare/copy-batch";
import { minThreadLength, preparationThread } from "@/lib/ingest/prepare/prepare-threads";
import { buildIngestWorker, ingestWorkerFile } from "../../../../scripts/build-ingest-worker.mjs";
import { hostileEvent } from "../../../unit/ingest/normalize/arbitraries";

// Preparation threads (lib/ingest/prepare/prepare-threads.ts) run the bundle `npm run build` makes: a
// thread must answer exactly what the main thread would, carry the 4xx errors across, and a
// thread that dies must fail only the jobs it held.

const numRuns = Number(process.env.LOGWELL_FUZZ_RUNS) || 60;
let dir: string;
let bundle: string;
const savedEnv = { ...process.env };

function useThreads(file: string, count = 1) {
  process.env.LOGWELL_INGEST_WORKER_FILE = file;
  process.env.LOGWELL_INGEST_THREAD_COUNT = String(count);
  resetEnvCache();
}

function threadFor(job: BodyJob) {
  const prepare = preparationThread(minThreadLength, true);
  if (!prepare) throw new Error("no preparation thread was offered");
  return prepare(job);
}

const facts = {
  projectId: "0190a0e0-0000-7000-8000-000000000001",
  receivedAt: new Date("2026-11-24T06:00:00.123Z"),
  requestId: "0190a0e0-0000-7000-8000-000000000002",
  userAgent: "Mozilla/5.0 \t tab\\slash",
  clientIp: "203.0.113.0",
  country: null,
};
function stringifiable(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

const job = (text: string, format: BodyJob["format"] = "json"): BodyJob => ({
  text,
  format,
  maxEvents: 1000,
  facts,
});

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "logwell-threads-"));
  await buildIngestWorker(dir);
  bundle = path.join(dir, ingestWorkerFile);
}, 60_000);
afterEach(() => {
  process.env = { ...savedEnv };
  resetEnvCache();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("preparation threads", () => {
  it("are offered only for big bodies on a store that takes COPY rows, when configured", () => {
    expect(preparationThread(minThreadLength, true)).toBeUndefined();
    useThreads(bundle);
    expect(preparationThread(minThreadLength - 1, true)).toBeUndefined();
    expect(preparationThread(minThreadLength, false)).toBeUndefined();
    expect(preparationThread(minThreadLength, true)).toBeTypeOf("function");
    useThreads(bundle, 0);
    expect(preparationThread(minThreadLength, true)).toBeUndefined();
  });

  it("give exactly what the main thread gives, for any batch", async () => {
    useThreads(bundle, 2);
    await fc.assert(
      fc.asyncProperty(fc.array(hostileEvent, { maxLength: 40 }), async (events) => {
        // Deeper than JSON.stringify can write: the explicit deep case below sends such text.
        const text = stringifiable(events);
        fc.pre(text !== undefined);
        expect(await threadFor(job(text))).toEqual(prepareCopyBatch(job(text)));
        // And NDJSON, one event per line.
        const lines = events.map((e) => JSON.stringify(e)).join("\n");
        if (lines.trim() !== "") {
          expect(await threadFor(job(lines, "ndjson"))).toEqual(
            prepareCopyBatch(job(lines, "ndjson")),
          );
        }
      }),
      { numRuns },
    );
  });

  it("give what the main thread gives for nesting far deeper than JSON.stringify can write", async () => {
    useThreads(bundle);
    const deep = (n: number) => `${'{"a":'.repeat(n)}0${"}".repeat(n)}`;
    const text = `[{"message":"deep","attributes":${deep(12_000)}},{"message":"x","n":1e309}]`;
    const viaThread = await threadFor(job(text));
    expect(viaThread.prepared).toBe(2);
    expect(viaThread).toEqual(prepareCopyBatch(job(text)));
  });

  it("carry a body's 4xx across as the same ApiError", async () => {
    useThreads(bundle);
    const refusals: [string, string][] = [
      ["{not json", "invalid_json"],
      [JSON.stringify(Array.from({ length: 1001 }, () => ({ message: "x" }))), "payload_too_large"],
    ];
    for (const [text, code] of refusals) {
      const inline = (() => {
        try {
          prepareCopyBatch(job(text));
        } catch (err) {
          return err as ApiError;
        }
      })();
      const viaThread = await threadFor(job(text)).catch((err: unknown) => err);
      expect(viaThread).toBeInstanceOf(ApiError);
      expect(inline).toBeInstanceOf(ApiError);
      const { code: got, message, details } = viaThread as ApiError;
      expect({ code: got, message, body: details.body }).toEqual({
        code,
        message: inline?.message,
        body: inline?.details.body,
      });
    }
  });

  it("fail the jobs of a thread that dies, and the next job gets a new thread", async () => {
    const dying = path.join(dir, "dies.mjs");
    writeFileSync(dying, "process.exit(3);\n");
    useThreads(dying);
    await expect(threadFor(job('[{"message":"x"}]'))).rejects.toThrow(/exited \(3\)/);
    useThreads(bundle);
    const batch = await threadFor(job('[{"message":"after"}]'));
    expect(batch.prepared).toBe(1);
    expect(Buffer.from(batch.data).toString()).toContain("\tafter\t");
  });
});
