import type { Policy } from "./types";

// The named limits Logwell applies. Ingest limits come from each project's row (contract
// defaults 120 requests/min per IP, 60,000 events/min per project); sign-in limits are fixed.
export const policies = {
  ingestIp: { name: "ingest-ip", windowMs: 60_000 },
  projectEvents: { name: "project-events", windowMs: 60_000 },
  loginEmail: { name: "login-email", windowMs: 15 * 60_000 },
  loginIp: { name: "login-ip", windowMs: 15 * 60_000 },
} as const satisfies Record<string, Policy>;

/** Sign-in attempts allowed per window (15 minutes): guessing one password, or spraying many. */
export const loginLimits = { perEmail: 10, perIp: 30 } as const;

/** After Redis fails, how long to use the fallback before trying Redis again. */
export const degradedCooldownMs = 5_000;
