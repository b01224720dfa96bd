import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { ApiError } from "@/lib/http/errors";
import { UnparseableLine } from "@/lib/ingest/decode/native";
import { decodeEnvelope, decodeStoreBody } from "@/lib/ingest/decode/sentry/decode";
import { normalizeEvent } from "@/lib/ingest/normalize/normalize";
import { anyValue, hostileValue } from "../../normalize/arbitraries";

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

/** JSON text of a generated value; one too deep for JSON.stringify becomes deep text itself. */
function jsonBytes(value: unknown): Buffer {
  try {
    return Buffer.from(JSON.stringify(value) ?? "null");
  } catch {
    return Buffer.from(`${"[".repeat(20_000)}${"]".repeat(20_000)}`);
  }
}

const itemType = fc.constantFrom("event", "log", "attachment", "session", "client_report", "x");
const payload = fc.oneof(
  anyValue.map(jsonBytes),
  hostileValue.map((v) => jsonBytes({ items: [v], exception: { values: [v] }, breadcrumbs: v })),
  fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
);
/** Envelopes shaped like real ones (so the fuzz reaches the mappings), framing sometimes wrong. */
const envelopeBytes = fc
  .tuple(
    fc.array(fc.tuple(itemType, payload, fc.boolean(), fc.integer({ min: -2, max: 2 })), {
      maxLength: 6,
    }),
    fc.boolean(),
  )
  .map(([items, finalNewline]) => {
    const parts: Buffer[] = [Buffer.from('{"sent_at":"2020-01-01T00:00:00Z"}')];
    for (const [type, body, withLength, skew] of items) {
      const length = withLength ? `,"length":${body.length + skew}` : "";
      parts.push(Buffer.from(`\n{"type":"${type}"${length}}\n`), body);
    }
    if (finalNewline) parts.push(Buffer.from("\n"));
    return new Uint8Array(Buffer.concat(parts));
  });

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
