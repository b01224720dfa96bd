import { createHash } from "node:crypto";
import { ipBucket, unknownClientIp } from "@/lib/http/client-ip";
import { ApiError } from "@/lib/http/errors";
import { processLimiter } from "./backend";
import { LimiterUnavailableError } from "./guarded-limiter";
import { rateLimitedError } from "./headers";
import { loginLimits, policies } from "./policies";
import type { Policy } from "./types";

/** Emails are hashed before they become store keys: Redis never holds them in clear. */
function emailKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 32);
}

/**
 * Counts one sign-in attempt per client IP (30 per 15 min) and per email (10 per 15 min). When
 * the IP is unknown only the email counts: one shared address bucket would let anyone lock
 * every account out with 30 wrong guesses.
 * Throws ApiError("rate_limited") when either is over, and also when Redis is configured but
 * down or slow: unlike ingest, sign-in fails CLOSED (threat TC-34), since an in-process
 * fallback per instance would multiply the guesses an attacker gets.
 */
export async function enforceLoginLimit(clientIp: string, email: string): Promise<void> {
  try {
    if (clientIp !== unknownClientIp) {
      const refusal = "Too many sign-in attempts from this address.";
      await countAttempt(policies.loginIp, loginLimits.perIp, ipBucket(clientIp), refusal);
    }
    const refusal = "Too many sign-in attempts for this account.";
    await countAttempt(policies.loginEmail, loginLimits.perEmail, emailKey(email), refusal);
  } catch (err) {
    if (!(err instanceof LimiterUnavailableError)) throw err;
    throw new ApiError("rate_limited", "Sign-in is temporarily unavailable; try again shortly.", {
      headers: { "retry-after": String(Math.max(1, Math.ceil(err.retryAfterMs / 1000))) },
      cause: err,
    });
  }
}

/** One attempt against one of the two limits; past it, 429 with `refusal`. */
async function countAttempt(policy: Policy, limit: number, key: string, refusal: string) {
  const result = await processLimiter().check(policy, limit, key, 1, "fail-closed");
  if (!result.success) throw rateLimitedError(refusal, result);
}
