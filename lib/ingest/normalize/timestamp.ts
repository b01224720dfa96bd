// Client timestamps, strictly. PostgreSQL accepts 'infinity' and year 200000, which JavaScript
// cannot render, and Date.parse("2024-02-30") silently means 1 March (threats V-7, ENC-5).

const rfc3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

const dayMs = 86_400_000;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Epoch milliseconds of a strict RFC 3339 date-time, or undefined. */
export function parseRfc3339(text: string): number | undefined {
  if (text.length > 40) return undefined;
  const m = rfc3339.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as number[];
  if (
    year === undefined ||
    month === undefined ||
    day === undefined ||
    hour === undefined ||
    minute === undefined ||
    second === undefined
  ) {
    return undefined;
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  // 60 is a leap second: RFC 3339 allows it and it lands on the next minute's first instant.
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const millis = Number((m[7] ?? "0").padEnd(3, "0").slice(0, 3));
  let offsetMinutes = 0;
  if (!m[8]) {
    const offsetHours = Number(m[10]);
    const offsetMins = Number(m[11]);
    if (offsetHours > 23 || offsetMins > 59) return undefined;
    offsetMinutes = (m[9] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC maps years 0–99 to 1900–1999; those are out of range anyway (before 1970).
  return year < 100 ? undefined : utc - offsetMinutes * 60_000;
}

/**
 * The client timestamp to store (ISO 8601, UTC, milliseconds), or null when absent, unparseable
 * or outside [1970-01-01, receivedAt + 1 day]. `normalized` says a given value was dropped.
 */
export function normalizeTimestamp(
  value: unknown,
  receivedAt: Date,
): { timestamp: string | null; normalized: boolean } {
  if (value === undefined || value === null) return { timestamp: null, normalized: false };
  let ms: number | undefined;
  if (typeof value === "number" && Number.isFinite(value)) ms = Math.trunc(value);
  else if (typeof value === "string") ms = parseRfc3339(value);
  if (ms === undefined || ms < 0 || ms > receivedAt.getTime() + dayMs) {
    return { timestamp: null, normalized: true };
  }
  // Records of one batch often share their millisecond (an OTLP exporter's batch, a burst).
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  // The canonical form of a string already in range is not a change worth listing.
  return { timestamp: lastIso, normalized: false };
}

let lastMs = Number.NaN;
let lastIso = "";
