import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { ApiError } from "@/lib/http/errors";
import { type BodyJob, prepareCopyBatch } from "@/lib/ingest/prepare/copy-batch";
import { minThreadLength, preparationThread } from "@/lib/ingest/prepare/prepare-threads";
import { buildIngestWorker, ingestWorkerFile } from "../../../../scripts/build-ingest-worker.mjs";
import { request, str, toProtobuf } from "../../../unit/ingest/decode/otlp/requests";

// OTLP bodies take the native lane: on `npm start` with server Postgres, a body ≥ 8 KiB is
// decoded and prepared on a preparation thread (protobufjs and the descriptor are bundled into
// it), and the thread answers exactly what the main thread would, 4xx included.

let dir: string;
const savedEnv = { ...process.env };
const facts = {
  projectId: "0190a0e0-0000-7000-8000-000000000001",
  receivedAt: new Date("2026-12-07T18:00:00.000Z"),
  requestId: "0190a0e0-0000-7000-8000-000000000002",
  userAgent: "OTel-OTLP-Exporter-JavaScript/0.223.1",
  clientIp: "203.0.113.0",
  country: null,
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "logwell-otlp-threads-"));
  await buildIngestWorker(dir);
  process.env.LOGWELL_INGEST_WORKER_FILE = path.join(dir, ingestWorkerFile);
  process.env.LOGWELL_INGEST_THREAD_COUNT = "1";
  resetEnvCache();
}, 60_000);
afterEach(() => resetEnvCache());
afterAll(() => {
  process.env = { ...savedEnv };
  resetEnvCache();
  rmSync(dir, { recursive: true, force: true });
});

function onThread(job: BodyJob) {
  const prepare = preparationThread(minThreadLength, true);
  if (!prepare) throw new Error("no preparation thread was offered");
  return prepare(job);
}

const records = Array.from({ length: 100 }, (_, i) => ({
  timeUnixNano: "1796666400000000000",
  severityNumber: (i % 24) + 1,
  body: { stringValue: i === 7 ? " " : `record ${i} ${"x".repeat(100)}` },
  traceId: "5B8EFFF798038103D269B633813FC60C",
  attributes: [
    str("log.record.uid", `uid-${i % 90}`),
    str("url.full", "https://a.example/?token=t"),
  ],
}));
const body = request(records, [str("service.version", "1.0")], { name: "bench" });

it("protobuf and OTLP/JSON: the thread gives what the main thread gives", async () => {
  const bytes = toProtobuf(body);
  expect(bytes.length).toBeGreaterThanOrEqual(minThreadLength);
  const protobufJob: BodyJob = { bytes, format: "otlp-protobuf", maxEvents: 1000, facts };
  const viaThread = await onThread(protobufJob);
  expect(viaThread).toEqual(prepareCopyBatch(protobufJob));
  // One blank body rejected; uid-0…uid-9 repeat, but uid-7 first came with the blank record.
  expect(viaThread).toMatchObject({ received: 100, prepared: 90 });
  const jsonJob: BodyJob = {
    text: JSON.stringify(body),
    format: "otlp-json",
    maxEvents: 1000,
    facts,
  };
  expect(await onThread(jsonJob)).toEqual(prepareCopyBatch(jsonJob));
});

it("a malformed protobuf body is the same 400 across the thread", async () => {
  const bytes = new Uint8Array(minThreadLength).fill(0xff);
  const job: BodyJob = { bytes, format: "otlp-protobuf", maxEvents: 1000, facts };
  const viaThread = await onThread(job).catch((err: unknown) => err);
  expect(viaThread).toBeInstanceOf(ApiError);
  expect(() => prepareCopyBatch(job)).toThrow((viaThread as ApiError).message);
});
