// An event's breadcrumbs (attributes.breadcrumbs) as a timeline the event page can render: time,
// category, message, level. Two shapes arrive: the browser SDK's `{time: ms, category, message}`
// (sdk/src/breadcrumbs.ts) and Sentry's `{timestamp: s | RFC 3339, type, category, message,
// level, data}` (kept as sent by lib/ingest/decode/sentry/breadcrumbs.ts). Attributes are client
// input: anything else in the list is skipped, and every text is cut, so a hostile list costs a
// bounded amount of page.

export interface BreadcrumbEntry {
  /** ISO time, or null when the crumb had none we could read. */
  time: string | null;
  category: string | null;
  message: string;
  /** Sentry's level words, `warning` read as `warn`; null when not given. */
  level: string | null;
}

/** Ingest keeps at most 100 (the Sentry SDK's own cap); more would be a hand-made list. */
export const maxBreadcrumbs = 100;
const maxText = 500;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const cut = (s: string) => (s.length > maxText ? `${s.slice(0, maxText)}…` : s);

function textOf(v: unknown): string | null {
  if (typeof v === "string") return v.trim() === "" ? null : cut(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return null;
}

// Seconds since the epoch (Sentry) or milliseconds (the browser SDK): a number below 1e11 is
// read as seconds (1e11 ms is 1973, 1e11 s is the year 5138).
function timeOf(v: unknown): string | null {
  let ms: number;
  if (typeof v === "number") ms = v < 1e11 ? v * 1000 : v;
  else if (typeof v === "string") ms = Date.parse(v);
  else return null;
  if (!Number.isFinite(ms) || ms < 0 || ms > 253402300799999) return null;
  return new Date(ms).toISOString();
}

const levels: Record<string, string> = {
  fatal: "fatal",
  critical: "fatal",
  error: "error",
  warning: "warn",
  warn: "warn",
  info: "info",
  log: "info",
  debug: "debug",
};

// Sentry's http/navigation breadcrumbs carry no message: their data says what happened.
function dataSummary(data: unknown): string | null {
  if (!isRecord(data)) return null;
  const method = textOf(data.method);
  const url = textOf(data.url);
  if (url) {
    const status = textOf(data.status_code);
    return [method, url, status && `→ ${status}`].filter(Boolean).join(" ");
  }
  const from = textOf(data.from);
  const to = textOf(data.to);
  if (from || to) return `${from ?? "?"} → ${to ?? "?"}`;
  const keys = Object.keys(data).slice(0, 8);
  if (keys.length === 0) return null;
  return cut(keys.map((k) => `${k}=${textOf(data[k]) ?? "…"}`).join(" "));
}

function entryOf(crumb: unknown): BreadcrumbEntry | null {
  if (!isRecord(crumb)) return null;
  const message = textOf(crumb.message) ?? dataSummary(crumb.data);
  const category = textOf(crumb.category) ?? textOf(crumb.type);
  if (message === null && category === null) return null;
  const level = textOf(crumb.level)?.toLowerCase();
  return {
    time: timeOf(crumb.timestamp ?? crumb.time),
    category,
    message: message ?? "",
    level: level ? (levels[level] ?? cut(level)) : null,
  };
}

/** The readable breadcrumbs of an event's attributes, oldest first (as the SDKs send them). */
export function breadcrumbTimeline(attributes: Record<string, unknown> | null): BreadcrumbEntry[] {
  const raw = attributes?.breadcrumbs;
  const list = Array.isArray(raw) ? raw : isRecord(raw) ? raw.values : undefined;
  if (!Array.isArray(list)) return [];
  const entries: BreadcrumbEntry[] = [];
  for (const crumb of list.slice(-maxBreadcrumbs)) {
    const entry = entryOf(crumb);
    if (entry) entries.push(entry);
  }
  return entries;
}

/** The attributes shown beside a timeline: without `breadcrumbs` once the timeline shows them. */
export function attributesBesideTimeline(
  attributes: Record<string, unknown> | null,
  crumbs: readonly BreadcrumbEntry[],
): Record<string, unknown> | null {
  if (!attributes || crumbs.length === 0) return attributes;
  return Object.fromEntries(Object.entries(attributes).filter(([k]) => k !== "breadcrumbs"));
}
