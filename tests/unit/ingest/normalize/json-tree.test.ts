import { describe, expect, it } from "vitest";
import {
  capJsonSize,
  depthMarker,
  type JsonObject,
  sanitizeJson,
  sizeMarker,
} from "@/lib/ingest/normalize/json-tree";
import { normalizeEvent } from "@/lib/ingest/normalize/normalize";
import { utf8Length } from "@/lib/ingest/normalize/strings";

const receivedAt = new Date("2026-01-01T00:00:00Z");

/** `{"a": {"a": ... 0}}` with `levels` objects, built without recursion. */
function nestedObject(levels: number): unknown {
  let value: unknown = 0;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

function depthOf(value: unknown): number {
  let max = 0;
  const pending: Array<[unknown, number]> = [[value, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    if (typeof node !== "object" || node === null) continue;
    max = Math.max(max, depth + 1);
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  return max;
}

describe("attributes depth cap (TC-08 unit part, threats V-4…V-6)", () => {
  it.each([8, 9, 100, 4_175, 6_500, 12_000, 100_000, 1_000_000])(
    "caps %i levels at 8 without recursion",
    (levels) => {
      const parsed = JSON.parse(`${'{"a":'.repeat(levels)}0${"}".repeat(levels)}`);
      const result = normalizeEvent({ message: "deep", attributes: parsed }, receivedAt);
      if (!result.ok) throw new Error(result.message);
      const { attributes } = result.event;
      expect(depthOf(attributes)).toBeLessThanOrEqual(8);
      expect(() => JSON.stringify(attributes)).not.toThrow();
      expect(result.event.truncatedFields.includes("attributes")).toBe(levels > 8);
      if (levels > 8) expect(JSON.stringify(attributes)).toContain(depthMarker);
    },
  );

  it("counts unknown top-level fields as level 2", () => {
    const result = normalizeEvent({ message: "m", extra: nestedObject(8) }, receivedAt);
    if (!result.ok) throw new Error(result.message);
    expect(depthOf(result.event.attributes)).toBe(8);
    expect(result.event.truncatedFields).toEqual(["attributes"]);
  });

  it("arrays count as levels too", () => {
    const report = { repaired: false, depthCapped: false };
    const deep = JSON.parse(`${"[".repeat(20)}1${"]".repeat(20)}`);
    const out = sanitizeJson({ list: deep }, 1, report);
    expect(depthOf(out)).toBe(8);
    expect(report.depthCapped).toBe(true);
  });
});

describe("keys and values are safe (threats INJ-5, V-8, ENC-1)", () => {
  it("__proto__ and constructor are plain keys on null-prototype objects", () => {
    const parsed = JSON.parse(
      '{"message":"m","__proto__":{"polluted":1},"attributes":{"constructor":{"prototype":{"x":1}},"__proto__":2}}',
    );
    const result = normalizeEvent(parsed, receivedAt);
    if (!result.ok) throw new Error(result.message);
    const attributes = result.event.attributes as JsonObject;
    expect(Object.getPrototypeOf(attributes)).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.parse(JSON.stringify(attributes))).toEqual(
      JSON.parse('{"constructor":{"prototype":{"x":1}},"__proto__":2}'),
    );
  });

  it("repairs keys and values at any depth; non-finite numbers become null", () => {
    const report = { repaired: false, depthCapped: false };
    const out = sanitizeJson(
      { "k\0": ["v\uD800", { "\uDFFF": Number.POSITIVE_INFINITY }] },
      1,
      report,
    );
    expect(JSON.stringify(out)).toBe('{"k\uFFFD":["v\uFFFD",{"\uFFFD":null}]}');
    expect(report).toEqual({ repaired: true, depthCapped: false });
  });
});

describe("attributes size cap (16 KiB of JSON)", () => {
  it("keeps entries in order while they fit, shortens a string, marks the rest", () => {
    const attributes = Object.assign(Object.create(null), {
      small: "ok",
      nested: { list: Array.from({ length: 5000 }, (_, i) => i) },
      big: "x".repeat(20_000),
      last: 1,
    }) as JsonObject;
    const { value, truncated } = capJsonSize(attributes);
    expect(truncated).toBe(true);
    expect(utf8Length(JSON.stringify(value))).toBeLessThanOrEqual(16 * 1024);
    expect(value.small).toBe("ok");
    expect((value.big as string).length).toBeGreaterThan(15_000);
    expect(value.nested).toBe(sizeMarker);
    expect(value.last).toBeUndefined();
    expect(capJsonSize(value)).toEqual({ value, truncated: false });
  });

  it("fits escaped strings too", () => {
    const attributes = Object.assign(Object.create(null), {
      controls: "\u0001".repeat(20_000),
    }) as JsonObject;
    const { value } = capJsonSize(attributes);
    expect(utf8Length(JSON.stringify(value))).toBeLessThanOrEqual(16 * 1024);
  });
});
