// The SDK's one client per page: turns captured and manual logs into events (ignore, collapse,
// cap, sample, beforeSend, scrub) and hands them to the delivery queue.
import type { Item } from "./batch";
import { addBreadcrumb, breadcrumbs } from "./breadcrumbs";
import { installCapture } from "./capture";
import { enqueue, flushQueue, isWaiting, resumeDelivery, startDelivery } from "./delivery";
import { scrubSecrets } from "./scrub";
import type { Attributes, Level, LogEvent, Options, User } from "./types";

/** Known browser noise: a benign layout notice, and cross-origin errors with no detail at all. */
const DEFAULT_IGNORED = [/ResizeObserver loop/, /^Script error\.?$/];
/** Client-side cap, so a render loop cannot flood the project (nor its rate limit). */
const MAX_EVENTS_PER_MINUTE = 100;
const LEVELS: Level[] = ["trace", "debug", "info", "warn", "error", "fatal"];

export interface LogMethods {
  trace(message: unknown, attributes?: Attributes): void;
  debug(message: unknown, attributes?: Attributes): void;
  info(message: unknown, attributes?: Attributes): void;
  warn(message: unknown, attributes?: Attributes): void;
  error(message: unknown, attributes?: Attributes): void;
  fatal(message: unknown, attributes?: Attributes): void;
}

// 128 random bits. (React Native needs a crypto.getRandomValues polyfill, see docs/sdk.md.)
const randomId = (): string => crypto.getRandomValues(new Uint32Array(4)).join("-");

let options: Options | undefined;
let user: User | undefined;
const context: Attributes = {};
let sessionId = "";
let burst = new Map<string, [LogEvent, Item]>();
let windowStart = 0;
let windowCount = 0;
let reporting = false;

function serialize(event: LogEvent): string {
  let json: string;
  try {
    json = JSON.stringify(event);
  } catch {
    json = JSON.stringify({ ...event, attributes: {} }); // circular or BigInt attributes
  }
  return options?.scrub === false ? json : scrubSecrets(json);
}

const isIgnored = (text: string, patterns: Array<string | RegExp>) =>
  patterns.some((p) => (typeof p === "string" ? text.includes(p) : p.test(text)));

/** Builds, filters and queues one event. Never throws into the page. */
export function report(level: Level, message: unknown, extra: Partial<LogEvent> = {}) {
  if (!options || reporting) return; // reentrant: a beforeSend or console hook logging again
  reporting = true;
  try {
    const text = String(message);
    const o = options;
    if (isIgnored(text, [...DEFAULT_IGNORED, ...(o.ignoreErrors || [])])) return;
    const isError = level === "error" || level === "fatal";
    // A render loop throwing the same error: one event with a count, while it waits to be sent.
    const fingerprint = `${level}\n${text}\n${extra.stack}`;
    const previous = burst.get(fingerprint);
    if (isError && previous && isWaiting(previous[1])) {
      const attributes = previous[0].attributes || {};
      attributes.count = ((attributes.count as number) || 1) + 1;
      previous[0].attributes = attributes;
      previous[1][1] = serialize(previous[0]);
      return;
    }
    const now = Date.now();
    if (now - windowStart > 60_000) {
      windowStart = now;
      windowCount = 0;
    }
    if (++windowCount > MAX_EVENTS_PER_MINUTE || Math.random() >= (o.sampleRate ?? 1)) return;
    let event: LogEvent | null | undefined | false = {
      id: randomId(),
      level,
      message: text,
      timestamp: now,
      session_id: sessionId,
      url: globalThis.location?.href,
      release: o.release,
      environment: o.environment,
      user_id: user?.id,
      ...extra,
      attributes: {
        ...context,
        ...(user && { user }),
        ...extra.attributes,
        ...(isError && { breadcrumbs: breadcrumbs() }),
      },
    };
    event = o.beforeSend ? o.beforeSend(event) : event;
    if (!event) return;
    const item: Item = [event.id, serialize(event)];
    if (burst.size > 100) burst = new Map();
    if (isError) burst.set(fingerprint, [event, item]);
    enqueue(item);
  } catch {
    // A throwing beforeSend or a hostile value: drop the event, never break the page.
  } finally {
    reporting = false;
  }
}

export function init(config: Options & { endpoint: string }) {
  if (options || !config.key) return;
  options = config;
  let storage: Storage | undefined;
  try {
    storage = localStorage; // throws in sandboxed frames and with storage disabled
    sessionId = sessionStorage.lw_session ||= randomId();
  } catch {
    sessionId ||= randomId();
  }
  startDelivery(
    `${config.endpoint}?key=${encodeURIComponent(config.key)}`,
    storage,
    `logwell:${config.key.slice(-12)}`,
  );
  installCapture(config, config.endpoint, report, addBreadcrumb);
  resumeDelivery(); // events an earlier page could not deliver
}

export const log = Object.fromEntries(
  LEVELS.map((level) => [
    level,
    (message: unknown, attributes?: Attributes) => report(level, message, { attributes }),
  ]),
) as unknown as LogMethods;

/** Who is using the app: `id` becomes the event's user_id; the whole object attributes.user. */
export function setUser(next: User | null) {
  user = next || undefined;
}

/** Named context attached to the attributes of every later event; null removes it. */
export function setContext(name: string, value: unknown) {
  if (value == null) delete context[name];
  else context[name] = value;
}

/** Sends what is queued now; resolves when acknowledged, or parked for a retry. */
export const flush = (): Promise<void> => (options ? flushQueue() : Promise.resolve());
