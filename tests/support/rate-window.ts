/**
 * Waits, if need be, until the limiter's current fixed window has at least `needMs` left.
 * The sliding window (@upstash/ratelimit's arithmetic, lib/ratelimit/memory-backend.ts) weighs
 * the previous window by the share of it still inside the last windowMs, rounded down: a test
 * that fills a limit just before a window edge and checks it just after sees one request fewer
 * counted (10 × 0.99 → 9), so an exact-limit assertion must run inside one window.
 */
export async function awayFromWindowEdge(windowMs: number, needMs: number): Promise<void> {
  const left = windowMs - (Date.now() % windowMs);
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 250));
}
