import { Ratelimit } from "@upstash/ratelimit";
import type { Redis } from "@upstash/redis";
import type { EvalRedis } from "./node-redis-adapter";
import type { LimitBackend, LimitResult, Policy } from "./types";

/**
 * @upstash/ratelimit's sliding window over Upstash REST or any Redis (through the adapter).
 * One Ratelimit per (policy, limit) — a project's own limit is part of the algorithm — made
 * once and reused: they are cheap, but the ephemeral cache only works on a long-lived instance.
 */
export class RedisBackend implements LimitBackend {
  private readonly limiters = new Map<string, Ratelimit>();

  constructor(
    readonly kind: "upstash" | "redis",
    private readonly redis: EvalRedis,
    private readonly hooks: { reset?: () => void; close?: () => Promise<void> } = {},
  ) {}

  async limit(policy: Policy, limit: number, key: string, rate: number): Promise<LimitResult> {
    const { success, remaining, reset, reason } = await this.limiter(policy, limit).limit(key, {
      rate,
    });
    // Our own timeout wraps this call; the library's is off, so "timeout" cannot occur.
    if (reason === "timeout") throw new Error("rate limiter timed out");
    return { success, limit, remaining, reset };
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  reset(): void {
    this.hooks.reset?.();
  }

  async close(): Promise<void> {
    await this.hooks.close?.();
  }

  private limiter(policy: Policy, limit: number): Ratelimit {
    const key = `${policy.name}:${limit}`;
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = new Ratelimit({
        // Only evalsha/eval are called on this path (see EvalRedis).
        redis: this.redis as unknown as Redis,
        limiter: Ratelimit.slidingWindow(limit, `${policy.windowMs} ms`),
        prefix: `logwell:rl:${policy.name}`,
        // 0 disables the library's own timeout, which would silently allow after 5 s; the
        // caller races its own short timeout and falls back explicitly (threats V-13).
        timeout: 0,
        analytics: false,
        // Remembering blocked identifiers saves a paid REST round trip per refused request on
        // Upstash; with a local Redis it would only make results differ from the fallback.
        ephemeralCache: this.kind === "upstash" ? new Map() : false,
      });
      this.limiters.set(key, limiter);
    }
    return limiter;
  }
}
