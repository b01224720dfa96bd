import { forgetIngestKeys } from "@/lib/ingest/request/keys";

/**
 * Drops this process's cached ingest-key lookups after a revoke or a settings change, so they
 * take effect at once here (other instances follow within the ingest cache's TTL).
 */
export function forgetProjectKeys(filter: { keyId?: string; projectId?: string }): void {
  forgetIngestKeys(filter);
}
