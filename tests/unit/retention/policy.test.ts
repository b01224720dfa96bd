import { describe, expect, it } from "vitest";
import { effectiveRetentionDays, retentionCutoff } from "@/lib/retention/policy";

const now = new Date("2026-03-15T12:00:00.000Z");
const day = 86_400_000;

describe("retention cutoff", () => {
  it("is now minus the project's retention in days", () => {
    expect(retentionCutoff(now, 30).getTime()).toBe(now.getTime() - 30 * day);
    expect(retentionCutoff(now, 1).getTime()).toBe(now.getTime() - day);
  });

  it("never lets zero, negative, fractional or absurd retention purge fresh events or overflow", () => {
    expect(effectiveRetentionDays(0)).toBe(1);
    expect(effectiveRetentionDays(-7)).toBe(1);
    expect(effectiveRetentionDays(2.9)).toBe(2);
    expect(effectiveRetentionDays(Number.NaN)).toBe(3650);
    expect(effectiveRetentionDays(1e12)).toBe(3650);
    expect(retentionCutoff(now, 0).getTime()).toBe(now.getTime() - day);
    expect(Number.isNaN(retentionCutoff(now, Number.POSITIVE_INFINITY).getTime())).toBe(false);
  });
});
