import type { LimitBackend, LimitResult, Policy } from "./types";

interface WindowCounts {
  /** Index of the fixed window `current` counts (floor(now / windowMs)). */
  window: number;
  current: number;
  previous: number;
}

/**
 * In-process sliding window with exactly the arithmetic of @upstash/ratelimit's
 * `slidingWindow` Lua script (previous window weighted by the part of it still inside the
 * sliding window; check before increment), so switching to the fallback changes where the
 * counts live, not what they mean. Bounded: at most `maxKeys` identifiers, oldest evicted.
 */
export class MemoryBackend implements LimitBackend {
  readonly kind = "memory" as const;
  private readonly counts = new Map<string, WindowCounts>();

  constructor(
    private readonly maxKeys = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  async limit(policy: Policy, limit: number, key: string, rate: number): Promise<LimitResult> {
    return this.limitSync(policy, limit, key, rate);
  }

  limitSync(policy: Policy, limit: number, identifier: string, rate: number): LimitResult {
    const now = this.now();
    const window = Math.floor(now / policy.windowMs);
    const reset = (window + 1) * policy.windowMs;
    const key = `${policy.name}:${identifier}`;
    const entry = this.take(key, window);
    const elapsed = (now % policy.windowMs) / policy.windowMs;
    const weightedPrevious = Math.floor((1 - elapsed) * entry.previous);
    if (rate > 0 && weightedPrevious + entry.current >= limit) {
      return { success: false, limit, remaining: 0, reset };
    }
    entry.current += rate;
    const remaining = limit - (entry.current + weightedPrevious);
    return { success: remaining >= 0, limit, remaining: Math.max(0, remaining), reset };
  }

  async ping(): Promise<void> {}

  /** Number of identifiers held (for tests of the bound). */
  get size(): number {
    return this.counts.size;
  }

  /** The entry for `key` rolled forward to `window`, moved to the young end of the LRU order. */
  private take(key: string, window: number): WindowCounts {
    const found = this.counts.get(key);
    let entry: WindowCounts;
    if (found && found.window === window) entry = found;
    else if (found && found.window === window - 1)
      entry = { window, current: 0, previous: found.current };
    else entry = { window, current: 0, previous: 0 };
    this.counts.delete(key);
    this.counts.set(key, entry);
    if (this.counts.size > this.maxKeys) {
      // Map iteration is insertion order: the first key is the least recently used.
      const oldest = this.counts.keys().next().value;
      if (oldest !== undefined) this.counts.delete(oldest);
    }
    return entry;
  }
}
