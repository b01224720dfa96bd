import { ApiError } from "@/lib/http/errors";
import type { LimitResult } from "./types";

/** Whole seconds until `reset`, at least 1 (a 0 would invite an immediate retry). */
function secondsUntil(reset: number, now: number): number {
  return Math.max(1, Math.ceil((reset - now) / 1000));
}

/**
 * RateLimit-* headers (draft-ietf-httpapi-ratelimit-headers: Reset is delta seconds, not a
 * timestamp, so client clocks do not matter).
 */
export function rateLimitHeaders(result: LimitResult, now = Date.now()): Record<string, string> {
  return {
    "ratelimit-limit": String(result.limit),
    "ratelimit-remaining": String(result.remaining),
    "ratelimit-reset": String(secondsUntil(result.reset, now)),
  };
}

/** The 429 for a refused check. Retry-After is the end of the current window: a lower bound. */
export function rateLimitedError(message: string, result: LimitResult, now = Date.now()): ApiError {
  return new ApiError("rate_limited", message, {
    headers: {
      "retry-after": String(secondsUntil(result.reset, now)),
      ...rateLimitHeaders(result, now),
    },
  });
}
