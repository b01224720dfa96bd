import type { Policy } from "./types";

// The named limits Logwell applies. Ingest limits come from each project's row (docs/api.md
// defaults 120 requests/min per IP, 60,000 events/min per project); sign-in limits are fixed.
export const policies = {
  ingestIp: { name: "ingest-ip", windowMs: 60_000 },
  projectEvents: { name: "project-events", windowMs: 60_000 },
  ingestKeyLookup: { name: "ingest-key-lookup", windowMs: 60_000 },
  loginEmail: { name: "login-email", windowMs: 15 * 60_000 },
  loginIp: { name: "login-ip", windowMs: 15 * 60_000 },
} as const satisfies Record<string, Policy>;

/**
 * Ingest keys looked up in the database per client address per minute (threat AUTH-1): keys a
 * process already holds (30 s cache, valid or not) never count, so one address sending for 150
 * projects stays under it, while an address guessing keys gets five queries a second.
 */
export const keyLookupsPerIpPerMinute = 300;

/** Sign-in attempts allowed per window (15 minutes): guessing one password, or spraying many. */
export const loginLimits = { perEmail: 10, perIp: 30 } as const;

/** After Redis fails, how long to use the fallback before trying Redis again. */
export const degradedCooldownMs = 5_000;
