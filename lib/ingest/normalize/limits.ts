import { env } from "@/lib/env";

// Per-event caps from docs/api.md ("Ingest"). Byte caps count UTF-8 bytes; "chars" caps count
// code points. An over-long value is truncated, never rejected.
export const eventCaps = {
  messageBytes: 8 * 1024,
  stackBytes: 32 * 1024,
  urlBytes: 2 * 1024,
  shortChars: 256,
  idChars: 128,
  // Longer than the short-string cap: real browser user agents approach 256 characters.
  userAgentChars: 512,
  attributesBytes: 16 * 1024,
  attributesDepth: 8,
} as const;

/** A 202 or 400 lists at most this many per-event errors. */
export const maxListedErrors = 20;

/** Per-request caps, configurable per deployment (lib/env.ts). */
export function requestCaps() {
  return {
    maxBodyBytes: env().LOGWELL_MAX_BODY_BYTES,
    maxEvents: env().LOGWELL_MAX_EVENTS_PER_REQUEST,
  };
}
