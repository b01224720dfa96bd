// When to retry a failed delivery: honour the server's Retry-After, else exponential backoff
// with jitter so a fleet of tabs that failed together does not retry together.

const BASE_MS = 1000;
const MAX_BACKOFF_MS = 60_000;
// A hostile or misconfigured Retry-After must not park events for days.
const MAX_RETRY_AFTER_MS = 900_000;

/** Milliseconds to wait after the `failures`-th consecutive failure (counted from 1). */
export function retryDelay(failures: number, retryAfter?: string | null): number {
  if (retryAfter) {
    // Seconds (what Logwell sends; an HTTP date from some proxy falls back to backoff).
    const ms = +retryAfter * 1000;
    // Jitter only adds: never retry before the server said it is ready.
    if (ms >= 0) return Math.min(ms, MAX_RETRY_AFTER_MS) + Math.random() * 500;
  }
  const ceiling = Math.min(MAX_BACKOFF_MS, BASE_MS * 2 ** (failures - 1));
  return ceiling / 2 + (Math.random() * ceiling) / 2;
}

/**
 * Whether a status (0 = network error) means "send the same batch again later": 429 and 503
 * always (the server stored nothing and said so), other 5xx a few times (a proxy's 502/504 is
 * usually brief; a persistent 500 is a bug that retries cannot fix), other 4xx never.
 */
export const isRetryable = (status: number, failures: number): boolean =>
  !status || status === 429 || status === 503 || (status > 499 && failures < 5);
