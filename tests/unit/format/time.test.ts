import { describe, expect, it } from "vitest";
import { formatTime, relativeTime, validZone } from "@/lib/format/time";

describe("formatTime", () => {
  const iso = "2026-03-29T00:30:01.234Z";
  it("shows the instant in the given zone, to the millisecond, second, minute or day", () => {
    expect(formatTime(iso, "UTC")).toBe("2026-03-29 00:30:01.234");
    expect(formatTime(iso, "Asia/Tokyo")).toBe("2026-03-29 09:30:01.234");
    expect(formatTime(iso, "America/Los_Angeles", "minute")).toBe("2026-03-28 17:30");
    expect(formatTime(iso, "Asia/Tokyo", "day")).toBe("2026-03-29");
    expect(formatTime(iso, "Asia/Tokyo", "second")).toBe("2026-03-29 09:30:01");
  });
  it("follows daylight saving time (Berlin moves to +2 at 01:00 UTC that day)", () => {
    expect(formatTime("2026-03-29T00:59:00Z", "Europe/Berlin", "minute")).toBe("2026-03-29 01:59");
    expect(formatTime("2026-03-29T01:00:00Z", "Europe/Berlin", "minute")).toBe("2026-03-29 03:00");
  });
  it("shows midnight as 00, not 24", () => {
    expect(formatTime("2026-01-01T00:00:00Z", "UTC", "minute")).toBe("2026-01-01 00:00");
  });
  it("returns text it cannot parse as it is", () => {
    expect(formatTime("not a time", "UTC")).toBe("not a time");
  });
});

describe("validZone (the zone cookie is input)", () => {
  it("accepts zones this runtime knows", () => {
    expect(validZone("Asia/Tokyo")).toBe("Asia/Tokyo");
    expect(validZone("UTC")).toBe("UTC");
  });
  it.each([undefined, "", "Mars/Olympus", "x".repeat(65), "<script>", "Europe/Berlin;x=1"])(
    "refuses %s",
    (zone) => {
      expect(validZone(zone)).toBeUndefined();
    },
  );
});

describe("relativeTime", () => {
  const now = Date.parse("2026-01-01T12:00:00Z");
  it.each([
    ["2026-01-01T11:59:58Z", "2 seconds ago"],
    ["2026-01-01T11:57:00Z", "3 minutes ago"],
    ["2026-01-01T09:00:00Z", "3 hours ago"],
    ["2025-12-31T12:00:00Z", "yesterday"],
    ["2024-01-01T12:00:00Z", "2 years ago"],
    ["2026-01-01T12:00:00Z", "now"],
  ])("%s → %s", (iso, text) => {
    expect(relativeTime(iso, now)).toBe(text);
  });
});
