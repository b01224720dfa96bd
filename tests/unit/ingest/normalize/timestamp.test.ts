import { describe, expect, it } from "vitest";
import { normalizeTimestamp, parseRfc3339 } from "@/lib/ingest/normalize/timestamp";

const receivedAt = new Date("2026-06-15T12:00:00.000Z");

// TC-04: inputs that PostgreSQL or Date.parse accept but JavaScript cannot render, or that lie.
describe("TC-04 timestamps cannot poison the dashboard", () => {
  it.each<[unknown, string | null]>([
    ["2026-06-15T10:00:00Z", "2026-06-15T10:00:00.000Z"],
    ["2026-06-15t10:00:00.123456789z", "2026-06-15T10:00:00.123Z"],
    ["2026-06-15 10:00:00+02:00", "2026-06-15T08:00:00.000Z"],
    ["2026-06-15T10:00:00+14:00", "2026-06-14T20:00:00.000Z"],
    ["2026-06-15T10:00:00-12:00", "2026-06-15T22:00:00.000Z"],
    ["2016-12-31T23:59:60Z", "2017-01-01T00:00:00.000Z"],
    ["1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000Z"],
    [1_700_000_000_000, "2023-11-14T22:13:20.000Z"],
    [1_700_000_000_000.9, "2023-11-14T22:13:20.000Z"],
    [0, "1970-01-01T00:00:00.000Z"],
    ["2026-06-16T11:59:59Z", "2026-06-16T11:59:59.000Z"],
  ])("%j is kept as %j", (input, expected) => {
    expect(normalizeTimestamp(input, receivedAt)).toEqual({
      timestamp: expected,
      normalized: false,
    });
  });

  it.each<unknown>([
    "infinity",
    "-infinity",
    "Infinity",
    "2024-02-30T00:00:00Z",
    "2023-02-29T00:00:00Z",
    "2024-13-01T00:00:00Z",
    "2024-01-01T24:00:00Z",
    "2024-01-01T23:60:00Z",
    "2024-01-01T23:59:61Z",
    "2024-01-01T00:00:00+24:00",
    "2024-01-01T00:00:00",
    "2024-01-01",
    "200000-01-01T00:00:00Z",
    "+200000-01-01T00:00:00Z",
    "1969-12-31T23:59:59Z",
    "0099-01-01T00:00:00Z",
    "2026-06-16T12:00:00.001Z",
    "9999-12-31T23:59:59Z",
    "1700000000000",
    "",
    " 2024-01-01T00:00:00Z",
    8.64e15 + 1,
    -1,
    Number.POSITIVE_INFINITY,
    Number.NaN,
    true,
    `2024-01-01T00:00:00${"0".repeat(10_000)}Z`,
  ])("%j becomes null and is listed", (input) => {
    const result = normalizeTimestamp(input, receivedAt);
    expect(result).toEqual({ timestamp: null, normalized: true });
  });

  it("absent is null without a note", () => {
    expect(normalizeTimestamp(undefined, receivedAt)).toEqual({
      timestamp: null,
      normalized: false,
    });
    expect(normalizeTimestamp(null, receivedAt)).toEqual({ timestamp: null, normalized: false });
  });

  it("every kept value round-trips through Date.toISOString", () => {
    for (const text of ["2000-02-29T00:00:00Z", "2026-06-15T23:59:59.999-00:30"]) {
      const ms = parseRfc3339(text);
      expect(ms).toBeDefined();
      expect(() => new Date(ms as number).toISOString()).not.toThrow();
    }
  });
});
