import { Redis } from "@upstash/redis";
import { type Env, env } from "@/lib/env";
import { GuardedLimiter } from "./guarded-limiter";
import { MemoryBackend } from "./memory-backend";
import { NodeRedisAdapter } from "./node-redis-adapter";
import { degradedCooldownMs } from "./policies";
import { RedisBackend } from "./redis-backend";
import type { LimitBackend } from "./types";

/** Upstash REST credentials, from either naming (Upstash's own or Vercel KV's). */
function upstashConfig(e: Env): { url: string; token: string } | undefined {
  if (e.UPSTASH_REDIS_REST_URL && e.UPSTASH_REDIS_REST_TOKEN) {
    return { url: e.UPSTASH_REDIS_REST_URL, token: e.UPSTASH_REDIS_REST_TOKEN };
  }
  if (e.KV_REST_API_URL && e.KV_REST_API_TOKEN) {
    return { url: e.KV_REST_API_URL, token: e.KV_REST_API_TOKEN };
  }
  return undefined;
}

/** The store the configuration asks for: Upstash REST, then REDIS_URL, then process memory. */
export function createBackend(e: Env = env()): LimitBackend {
  const timeoutMs = e.LOGWELL_RATE_LIMIT_TIMEOUT_MS;
  const upstash = upstashConfig(e);
  if (upstash) {
    const redis = new Redis({
      ...upstash,
      // One attempt, aborted at the timeout: @upstash/redis retries 5 times by default.
      retry: { retries: 0 },
      signal: () => AbortSignal.timeout(timeoutMs),
      enableTelemetry: false,
    });
    return new RedisBackend("upstash", redis);
  }
  if (e.REDIS_URL) {
    const adapter = new NodeRedisAdapter(e.REDIS_URL, timeoutMs);
    return new RedisBackend("redis", adapter, {
      reset: () => adapter.reset(),
      close: () => adapter.close(),
    });
  }
  return new MemoryBackend();
}

export function createLimiter(e: Env = env()): GuardedLimiter {
  return new GuardedLimiter(createBackend(e), e.LOGWELL_RATE_LIMIT_TIMEOUT_MS, degradedCooldownMs);
}

// One limiter per process, on globalThis because Next may load this module once per route
// bundle: ingest, sign-in and /api/health must share the counters and the degraded flag.
const holder = globalThis as unknown as { __logwellLimiter?: GuardedLimiter };

export function processLimiter(): GuardedLimiter {
  holder.__logwellLimiter ??= createLimiter();
  return holder.__logwellLimiter;
}

/** Tests swap configurations between cases; production code never calls this. */
export async function resetProcessLimiter(): Promise<void> {
  const limiter = holder.__logwellLimiter;
  holder.__logwellLimiter = undefined;
  await limiter?.close();
}
