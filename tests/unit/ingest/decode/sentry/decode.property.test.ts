import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { ApiError } from "@/lib/http/errors";
import { UnparseableLine } from "@/lib/ingest/decode/native";
import { decodeEnvelope, decodeStoreBody } from "@/lib/ingest/decode/sentry/decode";
import { normalizeEvent } from "@/lib/ingest/normalize/normalize";
import { anyValue } from "../../normalize/arbitraries";
import { envelopeBytes, jsonBytes } from "./arbitraries";

// The Sentry decoders are total: any bytes give events (each one stored or rejected alone by
// native normalisation) or a clear 400/413, never an exception of another kind (issue 13 §3).
const numRuns = Number(process.env.LOGWELL_FUZZ_RUNS) || 1000;
const receivedAt = new Date("2026-03-01T00:00:00.000Z");
const options = { receivedAt, maxEvents: 50 };

function outcome(decode: () => { events: unknown[] }): number {
  try {
    const { events } = decode();
    for (const event of events) {
      if (!(event instanceof UnparseableLine)) normalizeEvent(event, receivedAt);
    }
    return 200;
  } catch (err) {
    if (err instanceof ApiError) return err.status;
    throw err;
  }
}

describe("Sentry decoders over hostile input", () => {
  test.prop([fc.uint8Array({ maxLength: 512 })], { numRuns })(
    "any bytes: 200, 400 or 413",
    (bytes) => {
      expect([200, 400, 413]).toContain(outcome(() => decodeEnvelope(bytes, options)));
      expect([200, 400]).toContain(outcome(() => decodeStoreBody(bytes)));
    },
  );

  test.prop([envelopeBytes], { numRuns })("envelope-shaped bytes: 200, 400 or 413", (bytes) => {
    expect([200, 400, 413]).toContain(outcome(() => decodeEnvelope(bytes, options)));
  });

  test.prop([anyValue], { numRuns })("any JSON as a store body: an event or 400", (value) => {
    const bytes = jsonBytes(value);
    expect([200, 400]).toContain(outcome(() => decodeStoreBody(bytes)));
  });
});
