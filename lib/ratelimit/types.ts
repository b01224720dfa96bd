// Shapes shared by every rate-limit backend, so the fallback can swap one for another.

/** Which store answers limit checks; "degraded" means Redis is configured but failing. */
export type LimiterKind = "upstash" | "redis" | "memory";
export type LimiterStatus = LimiterKind | "degraded";

/** One named limit: the key prefix in the store and the sliding window length. */
export interface Policy {
  name: string;
  windowMs: number;
}

export interface LimitResult {
  success: boolean;
  /** The limit that applied. */
  limit: number;
  /** Units left in the window after this call (0 when refused). */
  remaining: number;
  /** Unix epoch milliseconds at which the current fixed window ends. */
  reset: number;
}

export interface LimitBackend {
  kind: LimiterKind;
  /** Counts `rate` units (requests or events) against `identifier` under `policy`. */
  limit(policy: Policy, limit: number, identifier: string, rate: number): Promise<LimitResult>;
  /** Cheap round trip to the store; rejects when it is unreachable. */
  ping(): Promise<void>;
  /** Drops a connection that timed out so the next call starts a fresh one. */
  reset?(): void;
  close?(): Promise<void>;
}
