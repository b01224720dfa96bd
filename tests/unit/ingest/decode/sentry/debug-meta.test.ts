import { describe, expect, it } from "vitest";
import { decodeEnvelope } from "@/lib/ingest/decode/sentry/decode";
import { normalizeEvent } from "@/lib/ingest/normalize/normalize";

// debug_meta.images and dist are kept at ingest for source maps (docs/sourcemaps.md): only the
// images of files the exception's frames name, so a page with hundreds of scripts does not fill
// the attribute room.

const receivedAt = new Date("2026-03-01T12:00:00.000Z");

function storedAttributes(event: object) {
  const body = Buffer.from(
    [JSON.stringify({}), JSON.stringify({ type: "event" }), JSON.stringify(event)].join("\n"),
  );
  const decoded = decodeEnvelope(body, { receivedAt, maxEvents: 10 });
  const result = normalizeEvent(decoded.events[0], receivedAt);
  if (!result.ok) throw new Error(result.message);
  return result.event.attributes as Record<string, unknown>;
}

describe("Sentry debug_meta and dist", () => {
  const app = "https://shop.example/static/app-1a2b.js";
  const exception = {
    values: [
      {
        type: "Error",
        value: "boom",
        stacktrace: {
          frames: [{ function: "t", abs_path: app, filename: app, lineno: 1, colno: 9 }],
        },
      },
    ],
  };

  it("keeps the images of the frames' files and the dist", () => {
    const images = [
      { type: "sourcemap", code_file: app, debug_id: "5b1c6b5e-1c3b-4e0f-9d2a-7c9e1f2a3b4c" },
      ...Array.from({ length: 300 }, (_, i) => ({
        type: "sourcemap",
        code_file: `https://shop.example/static/other-${i}.js`,
        debug_id: "00000000-0000-4000-8000-000000000000",
      })),
    ];
    const attributes = storedAttributes({ exception, debug_meta: { images }, dist: "42" });
    expect(attributes.debug_meta).toEqual({
      images: [{ code_file: app, debug_id: "5b1c6b5e-1c3b-4e0f-9d2a-7c9e1f2a3b4c" }],
    });
    expect(attributes.dist).toBe("42");
  });

  it("keeps none without an exception or a matching image", () => {
    expect(
      storedAttributes({
        message: "hi",
        debug_meta: { images: [{ code_file: app, debug_id: "x" }] },
      }).debug_meta,
    ).toBeUndefined();
    expect(
      storedAttributes({ exception, debug_meta: { images: "nope" } }).debug_meta,
    ).toBeUndefined();
  });
});
