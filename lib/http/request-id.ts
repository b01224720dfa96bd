import { v7 as uuidv7 } from "uuid";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The caller's X-Request-ID when it is a UUID, else a new UUIDv7. Anything else is never echoed:
 * a header with CR/LF or non-ASCII would make `new Headers()` throw (threats INJ-4, V-15).
 */
export function requestIdFrom(headers: Headers): string {
  const given = headers.get("x-request-id");
  return given && uuidPattern.test(given) ? given.toLowerCase() : uuidv7();
}
