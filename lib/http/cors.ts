// CORS for the public ingest endpoint. CORS is not authentication (any non-browser client can
// forge Origin, threat HTTP-2): the allow-list only narrows which web pages may send. Origins
// are parsed with new URL() and compared by scheme, host and port exactly; wildcards only as
// explicit `https://*.example.com` patterns (the suffix bug of Sentry CVE-2023-36829, HTTP-3).

// One list for every ingest endpoint: X-Sentry-Auth is how Sentry SDKs may send their key,
// X-Sentry-Rate-Limits how they learn to hold back (a browser SDK must be able to read it).
export const corsAllowHeaders =
  "Content-Type, Content-Encoding, X-Logwell-Key, X-Request-ID, Authorization, X-Sentry-Auth";
export const corsExposeHeaders =
  "X-Request-ID, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, X-Sentry-Rate-Limits";

interface ParsedOrigin {
  protocol: string;
  hostname: string;
  port: string;
}

function parseOrigin(text: string): ParsedOrigin | undefined {
  try {
    const url = new URL(text);
    if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
    return { protocol: url.protocol, hostname: url.hostname, port: url.port };
  } catch {
    return undefined;
  }
}

interface OriginPattern extends ParsedOrigin {
  wildcard: boolean;
}

/** `https://app.example.com[:port]` or `https://*.example.com[:port]`; undefined if neither. */
export function parseOriginPattern(pattern: string): OriginPattern | undefined {
  const match = /^(https?):\/\/(\*\.)?([^/?#*]+)\/?$/i.exec(pattern.trim());
  if (!match) return undefined;
  const parsed = parseOrigin(`${match[1]}://${match[3]}`);
  return parsed && { ...parsed, wildcard: Boolean(match[2]) };
}

export function isValidOriginPattern(pattern: string): boolean {
  return parseOriginPattern(pattern) !== undefined;
}

/** An empty allow-list admits every origin (the ingest key is public anyway). */
export function isOriginAllowed(origin: string, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  const actual = parseOrigin(origin);
  if (!actual) return false; // "null" (sandboxed frames, file://) and other schemes
  return allowed.some((text) => {
    const pattern = parseOriginPattern(text);
    if (!pattern || pattern.protocol !== actual.protocol || pattern.port !== actual.port) {
      return false;
    }
    return pattern.wildcard
      ? actual.hostname.endsWith(`.${pattern.hostname}`)
      : actual.hostname === pattern.hostname;
  });
}

/**
 * The request's Origin when it is safe to echo: visible ASCII, bounded. Node passes Latin-1
 * header bytes through, and echoing one could fail the response (threat V-15). Browsers send
 * ASCII origins only, so anything else comes from a non-browser client and is treated as no
 * Origin at all (the allow-list only narrows browsers).
 */
export function requestOrigin(headers: Headers): string | null {
  const origin = headers.get("origin");
  return origin && origin.length <= 512 && /^[\x21-\x7e]+$/.test(origin) ? origin : null;
}

/** Headers that let the page at `origin` read the response. Never Allow-Credentials. */
export function corsResponseHeaders(origin: string): Record<string, string> {
  return {
    "access-control-allow-origin": origin,
    "access-control-expose-headers": corsExposeHeaders,
    vary: "Origin",
  };
}

/** The answer to a preflight the origin passed. */
export function corsPreflightHeaders(origin: string): Record<string, string> {
  return {
    "access-control-allow-origin": origin,
    "access-control-allow-methods": "POST, OPTIONS",
    "access-control-allow-headers": corsAllowHeaders,
    // Chromium caps the cache at 7,200 s (threat HTTP-4).
    "access-control-max-age": "7200",
    vary: "Origin",
  };
}
