// What "expired" means: a project's events received more than `retention_days` ago.

const dayMs = 24 * 60 * 60 * 1000;

// A zero or negative retention would make the cutoff "now" or later and purge events the moment
// they arrive; an absurd one would overflow Date. Both are clamped rather than trusted.
export const minRetentionDays = 1;
export const maxRetentionDays = 3650;

export function effectiveRetentionDays(retentionDays: number): number {
  if (!Number.isFinite(retentionDays)) return maxRetentionDays;
  return Math.min(maxRetentionDays, Math.max(minRetentionDays, Math.floor(retentionDays)));
}

/**
 * Events with `received_at` strictly before this instant are expired. Only the server's
 * `received_at` counts: a client clock in 1970 or 2999 must neither purge an event at once nor
 * keep it forever (threat CRON-3).
 */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - effectiveRetentionDays(retentionDays) * dayMs);
}
