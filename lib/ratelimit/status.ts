import { processLimiter } from "./backend";
import type { LimiterStatus } from "./types";

/**
 * For /api/health: "upstash" | "redis" | "memory", or "degraded" while Redis is configured but
 * failing and the in-process fallback is counting. Pings Redis within the limiter timeout.
 */
export async function limiterStatus(): Promise<LimiterStatus> {
  return processLimiter().probe();
}
