// How long or how large a value typed by a person may be, wherever it is typed: API bodies, the
// dashboard's forms (their maxLength, min and max) and the CLI read these, so a form can never
// accept what the API refuses. Plain constants: client components import this file too.
import { maxRetentionDays, minRetentionDays } from "@/lib/retention/policy";

export const textLimits = {
  /** Project, key, token and user names. */
  nameChars: 100,
  /** RFC 5321's longest forward path. */
  emailChars: 254,
  /** A new password's least length (newPasswordSchema). */
  passwordMinChars: 10,
  /** Bounds scrypt's input. */
  passwordChars: 256,
} as const;

/** The project settings that are whole numbers: both ends inclusive. */
export const settingBounds = {
  retention_days: { min: minRetentionDays, max: maxRetentionDays },
  rate_limit_per_ip_per_minute: { min: 1, max: 1_000_000 },
  rate_limit_events_per_minute: { min: 1, max: 100_000_000 },
  max_events: { min: 1, max: 1_000_000_000 },
} as const;

const grouped = new Intl.NumberFormat("en");
// Four digits read better bare ("3650"); longer ones grouped ("1,000,000").
const inWords = (n: number) => (n >= 10_000 ? grouped.format(n) : String(n));

/** "from 1 to 1,000,000", for the words a form shows next to a refused value. */
export function boundsInWords(bounds: { min: number; max: number }): string {
  return `from ${inWords(bounds.min)} to ${inWords(bounds.max)}`;
}
