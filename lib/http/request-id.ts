import { randomFillSync } from "node:crypto";
import { v7 as uuidv7 } from "uuid";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The caller's X-Request-ID when it is a UUID, else a new UUIDv7. Anything else is never echoed:
 * a header with CR/LF or non-ASCII would make `new Headers()` throw (threats INJ-4, V-15).
 */
export function requestIdFrom(headers: Headers): string {
  const given = headers.get("x-request-id");
  return given && uuidPattern.test(given) ? given.toLowerCase() : uuidv7({ random: random16() });
}

// Every request gets an id. Left to itself, uuid draws 16 bytes through the global
// crypto.getRandomValues, which Next wraps and makes slow under ingest load (docs/performance.md).
// One node:crypto fill serves 256 ids; each id still gets its own 16 fresh random bytes.
const pool = Buffer.allocUnsafe(16 * 256);
let used = pool.length;

function random16(): Uint8Array {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += 16;
  return pool.subarray(used - 16, used);
}
