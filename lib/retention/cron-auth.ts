import { createHash, timingSafeEqual } from "node:crypto";

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/**
 * True only for `Authorization: Bearer <CRON_SECRET>` with a configured secret (what Vercel Cron
 * sends). Both sides are hashed to fixed-length SHA-256 digests before `timingSafeEqual`, which
 * would throw on unequal lengths and whose early exit would leak the length (threat CRON-1).
 * An unset secret refuses everything: the common `!== \`Bearer ${secret}\`` idiom accepts
 * "Bearer undefined".
 */
export function isAuthorizedCronRequest(
  authorization: string | null | undefined,
  cronSecret: string | undefined,
): boolean {
  if (!cronSecret) return false;
  const presented = authorization ?? "";
  const expected = `Bearer ${cronSecret}`;
  return timingSafeEqual(digest(presented), digest(expected));
}
