import { parseRfc3339 } from "../../normalize/timestamp";

// Sentry timestamps: seconds since the epoch (fractional) or an RFC 3339 string, where SDKs
// may leave out the zone (meaning UTC). A device clock that is off is corrected by the
// envelope's `sent_at`, as Relay does (relay-event-normalization clock_drift.rs): when the
// server's receive time and `sent_at` differ by 55 minutes or more, every timestamp of the
// envelope moves by that difference. The result is epoch milliseconds, which native ingest
// then range-checks like any client time.

const minDriftMs = 55 * 60 * 1000;

export function sentryTimeMs(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value * 1000 : undefined;
  if (typeof value !== "string" || value.length > 40) return undefined;
  const numeric = Number(value);
  if (value.trim() !== "" && Number.isFinite(numeric)) return numeric * 1000;
  return parseRfc3339(value) ?? parseRfc3339(`${value}Z`);
}

/** The shift to add to every client time of one envelope: 0 unless the drift is large. */
export function clockDriftMs(sentAt: unknown, receivedAt: Date): number {
  const sent = sentryTimeMs(sentAt);
  if (sent === undefined) return 0;
  const drift = receivedAt.getTime() - sent;
  return Math.abs(drift) >= minDriftMs ? drift : 0;
}

/** A client time as native ingest takes it (epoch ms), corrected; undefined when absent. */
export function correctedTime(value: unknown, driftMs: number): number | undefined {
  const ms = sentryTimeMs(value);
  return ms === undefined ? undefined : Math.round(ms + driftMs);
}
