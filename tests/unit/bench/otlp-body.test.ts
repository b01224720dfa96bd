import { expect, test } from "vitest";
import { decodeOtlpProtobuf } from "@/lib/ingest/decode/otlp/protobuf";
import { prepareBatch } from "@/lib/ingest/normalize/batch";
import { otlpBodies } from "../../../scripts/bench/otlp-body";

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
