import { eventCaps } from "../../normalize/limits";
import { breadcrumbList, jsonSizeUpTo, recentBreadcrumbs } from "./breadcrumbs";
import { debugMetaOfFrames } from "./debug-meta";
import { exceptionStack, exceptionTitle, exceptionValues, leanExceptionValues } from "./exception";
import { correctedTime } from "./timestamp";
import { asObject, type Json, nonBlank, own, text } from "./values";

// One Sentry event (an envelope's `event` item or a /store/ body) → one native raw event
// (docs/api.md → Sentry → event mapping), which then goes through native normalisation: caps,
// truncation marks, scrubbing, de-duplication by `id`.

export interface SentryContext {
  /** Added to every client time of the envelope (timestamp.ts clockDriftMs). */
  driftMs: number;
  /** The envelope header's event_id, for an event that carries none itself. */
  eventId?: string;
}

/** Sentry's `event_id` (32 hex digits, with or without dashes) in its canonical form. */
export function canonicalEventId(value: unknown): string | undefined {
  const id = nonBlank(value);
  if (id === undefined) return undefined;
  const compact = id.replaceAll("-", "").toLowerCase();
  return /^[0-9a-f]{32}$/.test(compact) ? compact : id;
}

function message(event: Json, chain: Json[]): string {
  const last = chain[chain.length - 1];
  const fromException = last ? exceptionTitle(last) : undefined;
  if (fromException) return fromException;
  const logentry = own(event, "logentry");
  const legacy = own(event, "message");
  return (
    nonBlank(own(logentry, "formatted")) ??
    nonBlank(legacy) ??
    nonBlank(own(legacy, "formatted")) ??
    nonBlank(own(logentry, "message")) ??
    nonBlank(own(legacy, "message")) ??
    // What Sentry itself shows for an event with nothing to say; storing it beats losing it.
    "<unlabeled event>"
  );
}

/** `request.headers` is an object or a list of [name, value] pairs; names ignore case. */
function requestHeader(event: Json, name: string): string | undefined {
  const headers = own(own(event, "request"), "headers");
  const wanted = name.toLowerCase();
  const pairs = Array.isArray(headers) ? headers : Object.entries(asObject(headers) ?? {});
  for (const pair of pairs) {
    if (Array.isArray(pair) && String(pair[0]).toLowerCase() === wanted) return text(pair[1]);
  }
  return undefined;
}

/** `tags` as an object; Sentry also accepts a list of [key, value] pairs. */
function tags(event: Json): Json | undefined {
  const value = own(event, "tags");
  if (!Array.isArray(value)) return asObject(value);
  const out = Object.create(null) as Json;
  for (const pair of value) {
    if (Array.isArray(pair) && typeof pair[0] === "string") out[pair[0]] = pair[1];
  }
  return out;
}

function sdk(event: Json): Json | undefined {
  const value = own(event, "sdk");
  const name = text(own(value, "name"));
  const version = text(own(value, "version"));
  return name || version ? { name: name ?? null, version: version ?? null } : undefined;
}

/** Room kept for the keys and brackets of `attributes` itself, below the 16 KiB cap. */
const attributesSlack = 512;

function attributes(event: Json, chain: Json[], userAgent: string | undefined): Json {
  const out = Object.create(null) as Json;
  const put = (key: string, value: unknown) => {
    if (value !== undefined && value !== null) out[key] = value;
  };
  // In the order the 16 KiB cap keeps them (docs/api.md: entries kept in order while they fit).
  put("user_agent", userAgent);
  put("tags", tags(event));
  put("sdk", sdk(event));
  put("platform", text(own(event, "platform")));
  put(
    "fingerprint",
    Array.isArray(own(event, "fingerprint")) ? own(event, "fingerprint") : undefined,
  );
  put("contexts", asObject(own(event, "contexts")));
  put("extra", asObject(own(event, "extra")));
  if (chain.length > 0) put("exception", leanExceptionValues(chain));
  // What symbolication matches source maps by (lib/sourcemaps): the scripts' debug ids (only
  // those of files the frames name) and the build's dist.
  put("debug_meta", debugMetaOfFrames(event, chain));
  put("dist", text(own(event, "dist")));
  const crumbs = breadcrumbList(event);
  if (crumbs.length > 0) {
    const room =
      eventCaps.attributesBytes - attributesSlack - jsonSizeUpTo(out, eventCaps.attributesBytes);
    const kept = recentBreadcrumbs(crumbs, room);
    if (kept.length > 0) out.breadcrumbs = kept;
  }
  return out;
}

export function sentryEventToRaw(raw: unknown, context: SentryContext): unknown {
  const event = asObject(raw);
  if (!event) return undefined;
  const chain = exceptionValues(event);
  const level = nonBlank(own(event, "level"));
  const timestamp = correctedTime(own(event, "timestamp"), context.driftMs);
  const contextsTrace = own(own(event, "contexts"), "trace");
  const userAgent = requestHeader(event, "user-agent");
  const out: Json = {
    id: canonicalEventId(own(event, "event_id")) ?? context.eventId,
    message: message(event, chain),
    // Sentry's default level is error, for exceptions and every event that names none.
    level: level ?? "error",
    timestamp,
    logger: nonBlank(own(event, "logger")) ?? nonBlank(own(own(event, "sdk"), "name")),
    url: text(own(own(event, "request"), "url")),
    stack: exceptionStack(chain),
    release: text(own(event, "release")),
    environment: text(own(event, "environment")),
    user_id: text(own(own(event, "user"), "id")),
    trace_id: text(own(contextsTrace, "trace_id")),
    attributes: attributes(event, chain, userAgent),
  };
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out;
}
