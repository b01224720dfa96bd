import { describe, expect, it } from "vitest";
import { niceCeiling, tickCount, xTicks, yTicks } from "@/lib/logs/volume-axis";

describe("y-axis", () => {
  it.each([
    [0, 1],
    [1, 1],
    [3, 5],
    [7, 10],
    [11, 20],
    [250, 500],
    [1000, 1000],
    [1001, 2000],
  ])("top for a tallest bar of %i is %i", (max, top) => {
    expect(niceCeiling(max)).toBe(top);
  });
  it("ticks 0, the middle when whole, and the top", () => {
    expect(yTicks(1)).toEqual([0, 1]);
    expect(yTicks(5)).toEqual([0, 5]);
    expect(yTicks(20)).toEqual([0, 10, 20]);
  });
  it("labels large counts compactly", () => {
    expect(tickCount(2000)).toBe("2K");
    expect(tickCount(5_000_000)).toBe("5M");
    expect(tickCount(50)).toBe("50");
  });
});

describe("time ticks", () => {
  it("within two days: start with its date, later ticks on that day as times only", () => {
    expect(xTicks("2026-01-01T00:00:00Z", "2026-01-01T12:00:00Z", "UTC")).toEqual([
      { percent: 0, label: "2026-01-01 00:00" },
      { percent: 50, label: "06:00" },
      { percent: 100, label: "12:00" },
    ]);
    expect(xTicks("2026-01-01T12:00:00Z", "2026-01-02T12:00:00Z", "Asia/Tokyo")).toEqual([
      { percent: 0, label: "2026-01-01 21:00" },
      { percent: 50, label: "2026-01-02 09:00" },
      { percent: 100, label: "2026-01-02 21:00" },
    ]);
  });
  it("up to ten minutes (a zoomed chart): seconds", () => {
    expect(xTicks("2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z", "Asia/Tokyo")).toEqual([
      { percent: 0, label: "2026-01-01 09:00:00" },
      { percent: 50, label: "09:00:05" },
      { percent: 100, label: "09:00:10" },
    ]);
  });
  it("longer spans: days", () => {
    expect(
      xTicks("1970-01-01T00:00:00Z", "9999-12-31T00:00:00Z", "UTC").map((t) => t.label),
    ).toEqual(["1970-01-01", "5984-12-31", "9999-12-31"]);
  });
});
