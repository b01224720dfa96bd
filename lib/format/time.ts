// Times are formatted on the server in the viewer's zone (remembered in a cookie), so the HTML
// already holds the final text: no UTC shown first and swapped to local after hydration.

/** The zone a browser reports, accepted only if this runtime knows it (a cookie is input). */
export function validZone(zone: string | undefined): string | undefined {
  if (!zone || zone.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(zone)) return undefined;
  try {
    return new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

// One formatter per zone: building one costs far more than using it, and a page formats
// hundreds of times. Zones are a closed set, so the map stays small.
const formatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(ms: number, zone: string): Record<string, string> {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      fractionalSecondDigits: 3,
    });
    formatters.set(zone, format);
  }
  return Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]));
}

export type TimePrecision = "ms" | "second" | "minute" | "day";

/** "2026-12-07 15:39:32.205" (or to the second, minute or day) in `zone`; unparseable input as given. */
export function formatTime(iso: string, zone: string, precision: TimePrecision = "ms"): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  const p = partsIn(ms, zone);
  const day = `${p.year}-${p.month}-${p.day}`;
  if (precision === "day") return day;
  const minute = `${day} ${p.hour}:${p.minute}`;
  if (precision === "minute") return minute;
  return precision === "second"
    ? `${minute}:${p.second}`
    : `${minute}:${p.second}.${p.fractionalSecond}`;
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 31_556_952_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1000],
];
const relativeFormat = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "3 minutes ago", "yesterday": the largest whole unit. */
export function relativeTime(iso: string, nowMs: number): string {
  const diff = Date.parse(iso) - nowMs;
  if (!Number.isFinite(diff)) return "";
  const [unit, size] = units.find(([, size]) => Math.abs(diff) >= size) ?? ["second", 1000];
  return relativeFormat.format(Math.round(diff / size), unit);
}
