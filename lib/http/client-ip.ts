import { timingSafeEqual } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
// Set by `scripts/server.mjs` (the `npm start` wrapper) for Next's routes: the TCP peer
// address, and an HMAC of it under a random per-process secret, so a client cannot forge
// either (threat RL-1).
import { peerIpHeader, peerSignatureHeader, signPeerIp } from "./peer-signature.mjs";

/**
 * What callers get when their address cannot be trusted. It is not a bucket: every such caller
 * would share it, so one of them could exhaust a per-address limit for all (per-address limits
 * skip it; per-account and per-project limits still apply).
 */
export const unknownClientIp = "unknown";

/** Where this deployment learns client addresses from, for /api/health and the status page. */
export type ClientIpSource = "vercel" | "proxy_header" | "socket" | "unknown";

export function clientIpSource(): ClientIpSource {
  const e = env();
  if (e.VERCEL) return "vercel";
  if (e.LOGWELL_TRUSTED_PROXY_HEADER) return "proxy_header";
  // Set by scripts/server.mjs (`npm start`), whose direct lane also reads the socket itself.
  if (e.LOGWELL_PEER_IP_SECRET) return "socket";
  return "unknown";
}

let unknownRequests = 0;

/** Requests this process could not attribute to an address (e.g. a trusted header missing). */
export function unknownClientIpRequests(): number {
  return unknownRequests;
}

/** A bare, canonical-case IP from a header token (`[v6]:port`, `v4:port`, zone, v4-mapped). */
export function normalizeIp(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  let value = raw.trim().replace(/^"|"$/g, "");
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed?.[1]) value = bracketed[1];
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(value);
  if (v4WithPort?.[1]) value = v4WithPort[1];
  value = value.replace(/%.*$/, "").toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(value);
  if (mapped?.[1]) value = mapped[1];
  return isIPv4(value) || isIPv6(value) ? value : undefined;
}

/** The right-most address of a list header; for `Forwarded` (RFC 7239) its last `for=`. */
export function lastForwardedIp(headerName: string, value: string | null): string | undefined {
  if (!value) return undefined;
  const last = value.split(",").at(-1) ?? "";
  if (headerName.toLowerCase() !== "forwarded") return normalizeIp(last);
  const forParam = last.split(";").find((part) => part.trim().toLowerCase().startsWith("for="));
  return normalizeIp(forParam?.trim().slice(4));
}

function verifiedPeerIp(headers: Headers, secret: string | undefined): string | undefined {
  const ip = headers.get(peerIpHeader);
  const signature = headers.get(peerSignatureHeader);
  if (!secret || !ip || !signature) return undefined;
  const expected = Buffer.from(signPeerIp(ip, secret));
  const given = Buffer.from(signature);
  // timingSafeEqual throws on a length mismatch (threats V-10): compare lengths first.
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  return normalizeIp(ip);
}

let warnedUnknown = false;

/**
 * The caller's IP, from a source the caller cannot choose (docs/api.md "Rate limits and client
 * IP"; docs/security.md decision 9): Vercel's `x-real-ip`; else the operator's trusted proxy header; else the socket
 * address vouched for by the `npm start` wrapper. Plain `next start` copies client-sent
 * X-Forwarded-For through unchanged, so without the wrapper every caller is unknownClientIp.
 */
export function clientIp(request: Request, socketPeer?: string): string {
  const e = env();
  const headers = request.headers;
  if (e.VERCEL) {
    const ip = normalizeIp(headers.get("x-real-ip"));
    if (ip) return ip;
  }
  const trusted = e.LOGWELL_TRUSTED_PROXY_HEADER;
  if (trusted) {
    const ip = lastForwardedIp(trusted, headers.get(trusted));
    if (ip) return ip;
  }
  // The direct lane saw the socket itself (RequestContext.peerIp): no header to sign or check
  // (two HMACs a request saved; docs/performance.md).
  const peer =
    socketPeer !== undefined
      ? normalizeIp(socketPeer)
      : verifiedPeerIp(headers, e.LOGWELL_PEER_IP_SECRET);
  if (peer) return peer;
  unknownRequests += 1;
  // `npm run dev` is one developer on localhost: the status page says it, the log need not.
  if (!warnedUnknown && e.NODE_ENV !== "development") {
    warnedUnknown = true;
    logger.warn(
      "client IP unknown: start with `npm start` (scripts/server.mjs) or set " +
        "LOGWELL_TRUSTED_PROXY_HEADER; until then per-address rate limits are off " +
        "(per-account and per-project limits still apply)",
    );
  }
  return unknownClientIp;
}

/** The eight 16-bit words of a valid IPv6 address. */
function expandIPv6(ip: string): number[] {
  let text = ip;
  // An embedded IPv4 tail (`::1.2.3.4`) is the last two words.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a = 0, b = 0, c = 0, d = 0] = v4.slice(1).map(Number);
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const headWords = head ? head.split(":") : [];
  const tailWords = tail ? tail.split(":") : [];
  const zeros = Array<string>(8 - headWords.length - tailWords.length).fill("0");
  const words = tail === undefined ? headWords : [...headWords, ...zeros, ...tailWords];
  return words.map((word) => Number.parseInt(word, 16));
}

function ipv6Prefix(ip: string, groups: number): string {
  return `${expandIPv6(ip)
    .slice(0, groups)
    .map((w) => w.toString(16))
    .join(":")}::`;
}

/** Rate-limit bucket: the IPv4 address, or the IPv6 /64 (one subscriber's whole allocation). */
export function ipBucket(ip: string): string {
  const normalized = normalizeIp(ip);
  if (!normalized) return ip;
  return isIPv6(normalized) ? `${ipv6Prefix(normalized, 4)}/64` : normalized;
}

/** For storage (docs/api.md default): IPv4 /24, IPv6 /48; null when `ip` is not an address. */
export function truncateIp(ip: string): string | null {
  const normalized = normalizeIp(ip);
  if (!normalized) return null;
  if (isIPv6(normalized)) return ipv6Prefix(normalized, 3);
  return normalized.replace(/\.\d+$/, ".0");
}
