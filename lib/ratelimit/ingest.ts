import { ipBucket, unknownClientIp } from "@/lib/http/client-ip";
import { processLimiter } from "./backend";
import { rateLimitedError, rateLimitHeaders } from "./headers";
import { keyLookupsPerIpPerMinute, policies } from "./policies";

// Ingest limits (docs/api.md, "Rate limits and client IP"). Both fail OPEN: when Redis is down or slower than
// LOGWELL_RATE_LIMIT_TIMEOUT_MS they count in process memory instead (docs/rate-limiting.md).

/**
 * Counts one request against the project's per-client-IP limit (IPv6 callers by /64).
 * Throws ApiError("rate_limited") with Retry-After and RateLimit-* headers when over it;
 * returns the RateLimit-* headers for the successful response. Callers of unknown address are
 * not counted: sharing one bucket, any holder of the public key could get every client of the
 * project refused; the project's event limit still bounds them.
 */
export async function enforceIngestIpLimit(
  project: { id: string; rateLimitPerIpPerMinute: number },
  clientIp: string,
): Promise<Record<string, string>> {
  if (clientIp === unknownClientIp) return {};
  const result = await processLimiter().check(
    policies.ingestIp,
    project.rateLimitPerIpPerMinute,
    `${project.id}:${ipBucket(clientIp)}`,
    1,
    "fail-open",
  );
  if (!result.success) {
    throw rateLimitedError("Too many requests from this address for this project.", result);
  }
  return rateLimitHeaders(result);
}

/**
 * Counts `events` against the project's events-per-minute limit. A batch larger than the
 * whole limit counts as the limit, so it passes in an empty window instead of being refused
 * forever (429 is retried; the retry would never fit). Zero events count nothing.
 */
export async function enforceProjectEventLimit(
  project: { id: string; rateLimitEventsPerMinute: number },
  events: number,
): Promise<Record<string, string>> {
  if (events <= 0) return {};
  const limit = project.rateLimitEventsPerMinute;
  const result = await processLimiter().check(
    policies.projectEvents,
    limit,
    project.id,
    Math.min(events, limit),
    "fail-open",
  );
  if (!result.success) {
    throw rateLimitedError("This project is over its events-per-minute limit.", result);
  }
  return rateLimitHeaders(result);
}

/**
 * Counts one database lookup of an ingest key for this client address (IPv6 by /64) and
 * refuses with 429 past keyLookupsPerIpPerMinute: the per-IP limit on unknown keys of threat
 * AUTH-1, applied before the query, so guessing keys costs us a bounded number of queries.
 * Callers whose address is unknown (no `npm start` wrapper or trusted proxy header) all share
 * one bucket: limiting it would refuse every project's new keys at once, so it is not limited.
 */
export async function enforceKeyLookupLimit(clientIp: string): Promise<void> {
  if (clientIp === unknownClientIp) return;
  const result = await processLimiter().check(
    policies.ingestKeyLookup,
    keyLookupsPerIpPerMinute,
    ipBucket(clientIp),
    1,
    "fail-open",
  );
  if (!result.success) {
    throw rateLimitedError("Too many ingest keys tried from this address.", result);
  }
}
