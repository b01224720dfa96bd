import { fc, test } from "@fast-check/vitest";
import { describe, expect, it, vi } from "vitest";
import { isRetryable, retryDelay } from "@/sdk/src/backoff";

describe("SDK retry policy", () => {
  test.prop([fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 0.999999, noNaN: true })])(
    "backoff doubles from 1 s up to 60 s, with jitter in the upper half",
    (failures, random) => {
      vi.spyOn(Math, "random").mockReturnValue(random);
      const ceiling = Math.min(60_000, 1000 * 2 ** (failures - 1));
      const delay = retryDelay(failures);
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
      vi.restoreAllMocks();
    },
  );

  it("honours Retry-After seconds, never earlier, jitter under half a second (TC-20)", () => {
    for (const random of [0, 0.5, 0.999]) {
      vi.spyOn(Math, "random").mockReturnValue(random);
      const delay = retryDelay(1, "2");
      expect(delay).toBeGreaterThanOrEqual(2000);
      expect(delay).toBeLessThan(2500);
      vi.restoreAllMocks();
    }
    expect(retryDelay(3, "0")).toBeLessThan(500);
  });

  it("caps a huge Retry-After at 15 minutes and falls back to backoff on garbage", () => {
    expect(retryDelay(1, "86400")).toBeLessThan(900_500);
    expect(retryDelay(1, "86400")).toBeGreaterThanOrEqual(900_000);
    for (const value of ["soon", "-5", "Wed, 21 Oct 2015 07:28:00 GMT"]) {
      const delay = retryDelay(1, value);
      expect(delay).toBeGreaterThanOrEqual(500);
      expect(delay).toBeLessThanOrEqual(1000);
    }
  });

  it("retries network errors, 429 and 503 always, other 5xx five times, never other 4xx", () => {
    for (const failures of [0, 4, 5, 100]) {
      expect(isRetryable(0, failures)).toBe(true);
      expect(isRetryable(429, failures)).toBe(true);
      expect(isRetryable(503, failures)).toBe(true);
    }
    for (const status of [500, 502, 504]) {
      expect(isRetryable(status, 4)).toBe(true);
      expect(isRetryable(status, 5)).toBe(false);
    }
    for (const status of [200, 202, 400, 401, 403, 404, 408, 413, 415, 422]) {
      expect(isRetryable(status, 0)).toBe(false);
    }
  });
});
