import { fc } from "@fast-check/vitest";
import { anyValue, hostileValue } from "../../normalize/arbitraries";

// Hostile Sentry bodies for the decoder's property tests and the endpoint's HTTP fuzz.

/** JSON text of a generated value; one too deep for JSON.stringify becomes deep text itself. */
export function jsonBytes(value: unknown): Buffer {
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
export const envelopeBytes = fc
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
