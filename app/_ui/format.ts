/** A stored time as "2026-12-07 14:56 UTC", or "never": for lists of keys, tokens, sessions. */
export const utcMinute = (d: Date | null) =>
  d ? `${d.toISOString().replace("T", " ").slice(0, 16)} UTC` : "never";
