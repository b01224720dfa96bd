import { fc } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  bucketCount,
  bucketLabel,
  bucketSecondsFor,
  maxVolumeBuckets,
  monthSeconds,
  niceBucketSeconds,
  yearSeconds,
} from "@/lib/logs/volume-buckets";

// QRY-4 for the volume chart: one bucket per day over 1970–9999 was 2.9 million buckets and a
// dead server. Whatever the range, the count stays under the constant and the size is round.

const minuteMs = 60_000;
const dayMs = 86_400_000;
const yearMs = yearSeconds * 1000;

describe("bucketSecondsFor", () => {
  it.each([
    ["10 seconds", 10_000, 1],
    ["1 minute", minuteMs, 5],
    ["10 minutes", 10 * minuteMs, 30],
    ["1 hour", 60 * minuteMs, 300],
    ["24 hours", dayMs, 1800],
    ["7 days", 7 * dayMs, 6 * 3600],
    ["60 days", 60 * dayMs, 7 * 86_400],
    ["2 years", 2 * yearMs, monthSeconds],
    ["6 years", 6 * yearMs, 3 * monthSeconds],
    ["430 years", 430 * yearMs, 10 * yearSeconds],
    ["1970 to 9999", Date.parse("9999-12-31T00:00:00Z"), 200 * yearSeconds],
    ["9,998 years", 9998 * yearMs, 500 * yearSeconds],
  ])("%s: a round size, at most maxVolumeBuckets buckets", (_, rangeMs, expected) => {
    const size = bucketSecondsFor(rangeMs);
    expect(size).toBe(expected);
    expect(bucketCount(rangeMs, size)).toBeLessThanOrEqual(maxVolumeBuckets);
  });

  it("holds for every range from 1 ms to 9,998 years, and is the finest size that does", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9998 * yearMs }), (rangeMs) => {
        const size = bucketSecondsFor(rangeMs);
        expect(niceBucketSeconds).toContain(size);
        expect(bucketCount(rangeMs, size)).toBeLessThanOrEqual(maxVolumeBuckets);
        const finer = niceBucketSeconds[niceBucketSeconds.indexOf(size) - 1];
        if (finer !== undefined) {
          expect(bucketCount(rangeMs, finer)).toBeGreaterThan(maxVolumeBuckets);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("answers one minute for empty, inverted and non-finite ranges", () => {
    for (const rangeMs of [0, -dayMs, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(bucketSecondsFor(rangeMs)).toBe(60);
    }
  });

  it("stays bounded beyond the nice list", () => {
    const rangeMs = 1e12 * yearMs;
    expect(bucketCount(rangeMs, bucketSecondsFor(rangeMs))).toBeLessThanOrEqual(maxVolumeBuckets);
  });
});

describe("bucketLabel", () => {
  it.each([
    [60, "1 minute"],
    [1800, "30 minutes"],
    [86_400, "1 day"],
    [7 * 86_400, "1 week"],
    [3 * monthSeconds, "3 months"],
    [200 * yearSeconds, "200 years"],
  ])("%i s → %s", (seconds, label) => {
    expect(bucketLabel(seconds)).toBe(label);
  });
});
