import { logger } from "@/lib/log";
import { MemoryBackend } from "./memory-backend";
import type { LimitBackend, LimiterStatus, LimitResult, Policy } from "./types";

/** What to do when Redis is down or slow: count in memory (ingest) or refuse (sign-in). */
export type OutageMode = "fail-open" | "fail-closed";

/** The configured store could not answer in time; only thrown in fail-closed mode. */
export class LimiterUnavailableError extends Error {
  constructor(
    readonly retryAfterMs: number,
    options?: { cause?: unknown },
  ) {
    super("rate limiter unavailable", options);
    this.name = "LimiterUnavailableError";
  }
}

class LimiterTimeoutError extends Error {
  constructor(ms: number) {
    super(`rate limiter did not answer within ${ms} ms`);
    this.name = "LimiterTimeoutError";
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LimiterTimeoutError(ms)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The configured backend behind a short timeout, with an in-process fallback. After a
 * failure it stays degraded for `cooldownMs` (requests go straight to the fallback instead of
 * each waiting out the timeout), then tries the backend again.
 */
export class GuardedLimiter {
  private retryAt: number | undefined;

  constructor(
    readonly primary: LimitBackend,
    readonly timeoutMs: number,
    readonly cooldownMs: number,
    readonly fallback: MemoryBackend = new MemoryBackend(),
    private readonly now: () => number = Date.now,
  ) {}

  get isDegraded(): boolean {
    return this.retryAt !== undefined;
  }

  /** Current status without touching the backend. */
  status(): LimiterStatus {
    return this.isDegraded ? "degraded" : this.primary.kind;
  }

  async check(
    policy: Policy,
    limit: number,
    identifier: string,
    rate: number,
    mode: OutageMode,
  ): Promise<LimitResult> {
    // Memory is its own fallback: it cannot be down.
    if (this.primary.kind === "memory") return this.primary.limit(policy, limit, identifier, rate);
    if (this.retryAt !== undefined && this.now() < this.retryAt) {
      return this.onOutage(policy, limit, identifier, rate, mode, undefined);
    }
    try {
      const result = await withTimeout(
        this.primary.limit(policy, limit, identifier, rate),
        this.timeoutMs,
      );
      this.markHealthy();
      return result;
    } catch (err) {
      this.markDegraded(err);
      return this.onOutage(policy, limit, identifier, rate, mode, err);
    }
  }

  /** Health check: a ping within the timeout (skipped while cooling down). */
  async probe(): Promise<LimiterStatus> {
    if (this.primary.kind === "memory") return "memory";
    if (this.retryAt !== undefined && this.now() < this.retryAt) return "degraded";
    try {
      await withTimeout(this.primary.ping(), this.timeoutMs);
      this.markHealthy();
    } catch (err) {
      this.markDegraded(err);
    }
    return this.status();
  }

  async close(): Promise<void> {
    await this.primary.close?.();
  }

  private onOutage(
    policy: Policy,
    limit: number,
    identifier: string,
    rate: number,
    mode: OutageMode,
    cause: unknown,
  ): Promise<LimitResult> {
    if (mode === "fail-closed") {
      const retryAfterMs = Math.max(0, (this.retryAt ?? this.now()) - this.now());
      throw new LimiterUnavailableError(retryAfterMs, { cause });
    }
    return this.fallback.limit(policy, limit, identifier, rate);
  }

  private markDegraded(err: unknown): void {
    if (this.retryAt === undefined) {
      logger.warn(
        { err, backend: this.primary.kind, timeoutMs: this.timeoutMs },
        "rate limiter degraded: using the in-process fallback",
      );
    }
    this.retryAt = this.now() + this.cooldownMs;
    // A connection that timed out may be wedged (half-open TCP): dial a fresh one next time.
    if (err instanceof LimiterTimeoutError) this.primary.reset?.();
  }

  private markHealthy(): void {
    if (this.retryAt !== undefined) {
      logger.info({ backend: this.primary.kind }, "rate limiter recovered");
      this.retryAt = undefined;
    }
  }
}
