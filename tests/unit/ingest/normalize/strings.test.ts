import { describe, expect, it } from "vitest";
import { eventCaps } from "@/lib/ingest/normalize/limits";
import { normalizeEvent } from "@/lib/ingest/normalize/normalize";
import {
  isCleanString,
  repairString,
  truncateCodePoints,
  truncateUtf8,
  utf8Length,
} from "@/lib/ingest/normalize/strings";

const receivedAt = new Date("2026-01-01T00:00:00Z");

describe("string repair (threats V-1, V-2, ENC-1, ENC-2)", () => {
  it.each([
    ["a\0b", "a\uFFFDb"],
    ["x\uD800y", "x\uFFFDy"],
    ["x\uDC00y", "x\uFFFDy"],
    ["😀".slice(0, 1), "\uFFFD"],
    ["ok 😀 \u2028 \u202E", "ok 😀 \u2028 \u202E"],
  ])("repairs %j", (input, expected) => {
    const out = repairString(input);
    expect(out).toBe(expected);
    expect(isCleanString(out)).toBe(true);
  });

  it("returns the same string when nothing needs repair", () => {
    const s = "plain text";
    expect(repairString(s)).toBe(s);
  });
});

// TC-03: emoji (4 UTF-8 bytes, 2 UTF-16 units), CJK (3 bytes) and combining marks straddling
// every cap: the result is well-formed, within the cap, and a prefix of the input.
describe("TC-03 truncation never splits a code point", () => {
  const fillers = ["😀", "日", "é", "e\u0301", "a", "👩‍👩‍👧"];
  const byteCaps = [
    ["message", eventCaps.messageBytes],
    ["stack", eventCaps.stackBytes],
    ["url", eventCaps.urlBytes],
  ] as const;

  for (const [field, cap] of byteCaps) {
    for (const filler of fillers) {
      for (const shift of [0, 1, 2, 3]) {
        it(`${field}: ${JSON.stringify(filler)} shifted by ${shift} around ${cap} bytes`, () => {
          const input = "x".repeat(shift) + filler.repeat(Math.ceil(cap / filler.length) + 2);
          const out = truncateUtf8(input, cap);
          expect(isCleanString(out)).toBe(true);
          expect(utf8Length(out)).toBeLessThanOrEqual(cap);
          expect(utf8Length(out)).toBeGreaterThan(cap - 4);
          expect(input.startsWith(out)).toBe(true);
        });
      }
    }
  }

  for (const filler of fillers) {
    it(`short strings: ${JSON.stringify(filler)} around ${eventCaps.shortChars} code points`, () => {
      const input = `x${filler.repeat(eventCaps.shortChars)}`;
      const out = truncateCodePoints(input, eventCaps.shortChars);
      expect(isCleanString(out)).toBe(true);
      expect([...out].length).toBe(eventCaps.shortChars);
      expect(input.startsWith(out)).toBe(true);
    });
  }

  it("truncates after repair, and lists the field", () => {
    const message = `\0${"😀".repeat(eventCaps.messageBytes)}`;
    const result = normalizeEvent({ message, release: "\uD800".repeat(300) }, receivedAt);
    if (!result.ok) throw new Error(result.message);
    const { event } = result;
    expect(event.message.startsWith("\uFFFD😀")).toBe(true);
    expect(utf8Length(event.message)).toBeLessThanOrEqual(eventCaps.messageBytes);
    expect(event.release).toBe("\uFFFD".repeat(256));
    expect(event.truncatedFields).toEqual(["message", "release"]);
    expect(event.normalizedFields).toEqual(["message", "release"]);
  });

  it("keeps strings exactly at the cap untouched", () => {
    const exact = "é".repeat(eventCaps.urlBytes / 2);
    expect(truncateUtf8(exact, eventCaps.urlBytes)).toBe(exact);
    expect(truncateCodePoints("😀".repeat(256), 256)).toBe("😀".repeat(256));
  });
});

// Found by the TC-01 deep run (LOGWELL_FUZZ_RUNS=10000): lookups keyed by client strings.
describe("client strings never reach Object.prototype", () => {
  it.each(["__proto__", "constructor", "toString", "hasOwnProperty"])(
    "level %j is info, listed",
    (level) => {
      const result = normalizeEvent({ message: "m", level }, receivedAt);
      if (!result.ok) throw new Error(result.message);
      expect(result.event.level).toBe("info");
      expect(result.event.normalizedFields).toEqual(["level"]);
    },
  );
});
