import { expect, test } from "vitest";
import { parseEvents } from "@/lib/ingest/decode/native";
import { decodeOtlpProtobuf } from "@/lib/ingest/decode/otlp/protobuf";
import { prepareBatch } from "@/lib/ingest/normalize/batch";
import { otlpAsNativeBodies, otlpBodies } from "../../../scripts/bench/otlp-body";

// The benchmark's OTLP bodies are real requests: ids written into the template keep it valid,
// differ per request and per record, and the records carry the native benchmark's fields.
test("each body decodes to its batch of valid, uniquely identified events", () => {
  const bodies = otlpBodies(100);
  const receivedAt = new Date();
  const batches = [0, 1, 123_456].map((seq) =>
    prepareBatch(decodeOtlpProtobuf(bodies(seq), 1000), receivedAt),
  );
  for (const batch of batches) {
    expect(batch.errors).toEqual([]);
    expect(batch.events).toHaveLength(100);
  }
  const ids = batches.flatMap((b) => b.events.map((e) => e.clientId));
  expect(new Set(ids).size).toBe(300);
  expect(batches[0]?.events[0]).toMatchObject({
    level: "info",
    logger: "window.onerror",
    release: "web@2.14.3",
    environment: "production",
    url: "https://shop.example.com/checkout/cart?step=0",
  });
});

// The OTLP figure's baseline: native JSON of what the OTLP bodies decode to stores the same
// events, ids apart (each body has its own).
test("the native bodies of the same events prepare to the OTLP bodies' events", () => {
  const receivedAt = new Date();
  const fromOtlp = prepareBatch(decodeOtlpProtobuf(otlpBodies(100)(7), 1000), receivedAt);
  const fromNative = prepareBatch(
    parseEvents(otlpAsNativeBodies(100)(7).toString(), "json", 1000),
    receivedAt,
  );
  const withoutIds = (events: typeof fromOtlp.events) =>
    events.map((e, i) => {
      expect(e.clientId).toMatch(/^[0-9a-f]{8}-0100-0000000007-\d{4}$/);
      expect(e.attributes?.["log.record.uid"]).toBe(e.clientId);
      return { ...e, clientId: i, attributes: { ...e.attributes, "log.record.uid": i } };
    });
  expect(fromNative.errors).toEqual([]);
  expect(fromNative.events).toHaveLength(100);
  expect(withoutIds(fromNative.events)).toEqual(withoutIds(fromOtlp.events));
  expect(new Set(fromNative.events.map((e) => e.clientId)).size).toBe(100);
});
