import { eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { ingestKeys, type Project, projects } from "@/lib/db/schema";
import { ApiError } from "@/lib/http/errors";
import { hashSecret, looksLikeIngestKey } from "@/lib/keys/secrets";
import { logger } from "@/lib/log";

// Ingest-key authentication. Keys are public, so the lookup must be cheap: by SHA-256 digest
// (no string comparison of secrets, threat AUTH-1) behind a short in-process cache.

export type IngestProject = Pick<
  Project,
  | "id"
  | "number"
  | "allowedOrigins"
  | "rateLimitPerIpPerMinute"
  | "rateLimitEventsPerMinute"
  | "ipStorage"
>;

export interface IngestPrincipal {
  keyId: string;
  project: IngestProject;
}

const cacheTtlMs = 30_000;
const cacheMaxEntries = 10_000;
const touchEveryMs = 60_000;

interface Lookup {
  principal: IngestPrincipal | null;
  /** A revoked key's project: what its refusals are counted under (ingest health). */
  revokedFrom?: string;
}

interface CacheEntry extends Lookup {
  expiresAt: number;
}

// On globalThis so every route bundle in the process shares one cache (and one forget()).
const state = globalThis as unknown as {
  __logwellIngestKeys?: Map<string, CacheEntry>;
  __logwellKeyTouches?: Map<string, number>;
};
state.__logwellIngestKeys ??= new Map();
state.__logwellKeyTouches ??= new Map();
const cache = state.__logwellIngestKeys;
const touches = state.__logwellKeyTouches;

/** The key from X-Logwell-Key, Authorization: Bearer, or ?key= (sendBeacon), in that order. */
export function presentedKey(request: Request): string | undefined {
  const header = request.headers.get("x-logwell-key")?.trim();
  if (header) return header;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  if (bearer?.[1]) return bearer[1];
  return new URL(request.url).searchParams.get("key") ?? undefined;
}

const invalidKey = () =>
  new ApiError("invalid_key", "The ingest key is missing, unknown or revoked.");

/**
 * The key's project, or 401 `invalid_key` with one body for missing, malformed, unknown and
 * revoked keys. Admin tokens (lw_sec_) never match: they fail the lw_pub_ format check.
 * `beforeLookup` runs only when the database must be asked (the caller's lookup limit).
 */
export async function authenticateIngestKey(
  db: Db,
  key: string | undefined,
  now = Date.now(),
  beforeLookup?: () => Promise<void>,
) {
  if (!key || !looksLikeIngestKey(key)) throw invalidKey();
  const hash = hashSecret(key);
  let entry = cache.get(hash);
  if (!entry || entry.expiresAt <= now) {
    await beforeLookup?.();
    entry = { ...(await sharedLookUp(db, hash)), expiresAt: now + cacheTtlMs };
    if (cache.size >= cacheMaxEntries) cache.delete(cache.keys().next().value as string);
    cache.set(hash, entry);
  }
  if (!entry.principal) throw invalidKey();
  touchKey(db, entry.principal.keyId, now);
  return entry.principal;
}

// A burst of requests with a key not yet cached (a page load, a deploy) makes one query.
const inFlight = new Map<string, Promise<Lookup>>();

function sharedLookUp(db: Db, hash: string): Promise<Lookup> {
  let lookup = inFlight.get(hash);
  if (!lookup) {
    lookup = lookUp(db, hash).finally(() => inFlight.delete(hash));
    inFlight.set(hash, lookup);
  }
  return lookup;
}

async function lookUp(db: Db, hash: string): Promise<Lookup> {
  const [row] = await db
    .select({
      keyId: ingestKeys.id,
      revokedAt: ingestKeys.revokedAt,
      id: projects.id,
      number: projects.number,
      allowedOrigins: projects.allowedOrigins,
      rateLimitPerIpPerMinute: projects.rateLimitPerIpPerMinute,
      rateLimitEventsPerMinute: projects.rateLimitEventsPerMinute,
      ipStorage: projects.ipStorage,
    })
    .from(ingestKeys)
    .innerJoin(projects, eq(projects.id, ingestKeys.projectId))
    .where(eq(ingestKeys.keyHash, hash))
    .limit(1);
  if (!row) return { principal: null };
  if (row.revokedAt) return { principal: null, revokedFrom: row.id };
  const { keyId, revokedAt: _revoked, ...project } = row;
  return { principal: { keyId, project } };
}

/**
 * The project a key names as far as this process already knows, without asking the database
 * (ingest health attributes refusals with it): a key seen within the cache's 30 s, valid or
 * revoked. Undefined for unknown keys and keys not seen lately.
 */
export function knownKeyProjectId(key: string | undefined, now = Date.now()): string | undefined {
  if (!key || !looksLikeIngestKey(key)) return undefined;
  const entry = cache.get(hashSecret(key));
  if (!entry || entry.expiresAt <= now) return undefined;
  return entry.principal?.project.id ?? entry.revokedFrom;
}

/**
 * Drops cached lookups so a revoked key or a changed project (origins, limits, IP setting)
 * takes effect at once in this process; other instances follow within the 30 s cache TTL.
 * With no filter, forgets everything.
 */
export function forgetIngestKeys(filter: { keyId?: string; projectId?: string } = {}): void {
  for (const [hash, entry] of cache) {
    const p = entry.principal;
    const all = filter.keyId === undefined && filter.projectId === undefined;
    if (all || !p || p.keyId === filter.keyId || p.project.id === filter.projectId) {
      cache.delete(hash);
    }
  }
}

/** last_used_at, at most once a minute per key and instance, never awaited by the request. */
function touchKey(db: Db, keyId: string, now: number): void {
  if (now - (touches.get(keyId) ?? 0) < touchEveryMs) return;
  touches.set(keyId, now);
  if (touches.size > cacheMaxEntries) touches.delete(touches.keys().next().value as string);
  db.update(ingestKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(eq(ingestKeys.id, keyId))
    .then(
      () => {},
      (err: unknown) => logger.warn({ err, keyId }, "ingest: could not update last_used_at"),
    );
}
