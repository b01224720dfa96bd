import type { IngestKey, Project } from "@/lib/db/schema";

// What the API returns: never raw rows (key hashes stay inside).

export function projectDto(p: Project) {
  return {
    id: p.id,
    // The project's id in its Sentry DSN (lib/projects/sentry-dsn.ts).
    number: p.number,
    name: p.name,
    retention_days: p.retentionDays,
    allowed_origins: p.allowedOrigins,
    rate_limit_per_ip_per_minute: p.rateLimitPerIpPerMinute,
    rate_limit_events_per_minute: p.rateLimitEventsPerMinute,
    ip_storage: p.ipStorage,
    max_events: p.maxEvents,
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  };
}

export function ingestKeyDto(k: IngestKey) {
  return {
    id: k.id,
    project_id: k.projectId,
    name: k.name,
    prefix: k.prefix,
    // Public (it ships in client apps); null for keys made before Logwell kept them.
    ingest_key: k.key,
    created_at: k.createdAt.toISOString(),
    last_used_at: k.lastUsedAt?.toISOString() ?? null,
    revoked_at: k.revokedAt?.toISOString() ?? null,
  };
}
