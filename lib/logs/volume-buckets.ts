// Bucket sizes of the explorer's volume chart. The count is what costs memory and HTML (one
// object and up to six SVG rects each), so it is bounded whatever the range: a 1970–9999 range
// once meant one bucket per day, 2.9 million of them, and a server that died of heap exhaustion.

import { plural } from "@/lib/format/plural";

/** The chart never has more bars than this, whatever the range. */
export const maxVolumeBuckets = 48;

const minute = 60;
const hour = 3600;
const day = 86_400;
/**
 * The Gregorian average year (365.2425 d): a whole number of seconds that divides into 12
 * whole-second months (30.44 d). Buckets are fixed lengths from the chart's start, not calendar
 * months or years, so JS and SQL compute the same bucket with one division.
 */
export const yearSeconds = 31_556_952;
export const monthSeconds = yearSeconds / 12;

/**
 * Round sizes up to a year, in seconds; beyond a year, 1, 2 and 5 × 10ⁿ years. Seconds serve a
 * range zoomed into on the chart (a drag across a few minutes).
 */
export const niceBucketSeconds: readonly number[] = [
  1,
  5,
  10,
  30,
  minute,
  5 * minute,
  15 * minute,
  30 * minute,
  hour,
  3 * hour,
  6 * hour,
  12 * hour,
  day,
  7 * day,
  monthSeconds,
  3 * monthSeconds,
  ...Array.from({ length: 7 }, (_, n) => [1, 2, 5].map((m) => m * 10 ** n * yearSeconds)).flat(),
];

/** Buckets needed to cover `rangeMs` from its start (the last one may be partial). */
export function bucketCount(rangeMs: number, bucketSeconds: number): number {
  return Math.max(1, Math.ceil(rangeMs / (bucketSeconds * 1000)));
}

/** The smallest round size that covers the range in at most `maxVolumeBuckets` buckets. */
export function bucketSecondsFor(rangeMs: number): number {
  if (!Number.isFinite(rangeMs) || rangeMs <= 0) return minute;
  const nice = niceBucketSeconds.find((s) => bucketCount(rangeMs, s) <= maxVolumeBuckets);
  // 5 million years is beyond any Date; still bounded if a caller passes a bigger number.
  return nice ?? Math.ceil(rangeMs / 1000 / maxVolumeBuckets);
}

/** "1 bar = …" text for the chart. */
export function bucketLabel(bucketSeconds: number): string {
  const units: [number, string][] = [
    [yearSeconds, "year"],
    [monthSeconds, "month"],
    [7 * day, "week"],
    [day, "day"],
    [hour, "hour"],
    [minute, "minute"],
  ];
  for (const [size, name] of units) {
    const n = bucketSeconds / size;
    if (Number.isInteger(n)) return plural(n, name);
  }
  return plural(bucketSeconds, "second");
}
