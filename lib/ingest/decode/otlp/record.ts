import { logLevels } from "@/lib/db/schema";
import { depthMarker } from "../../normalize/json-tree";
import { UnparseableLine } from "../native";
import {
  anyValueJson,
  asMessage,
  field,
  idHex,
  int64Number,
  keyValuesJson,
  type Message,
} from "./values";

// One OTLP LogRecord → one native raw event (docs/api.md → OTLP → mapping), which then goes
// through the same normalisation as a native event: caps, truncation marks, scrubbing. Mapped
// attribute keys stay in `attributes` too; `resource`, `scope` and `span_id` are top-level
// fields a native event would move into attributes, so a record attribute of the same name wins.

/** What every record of one ScopeLogs shares (resourceContext and scopeContext below). */
export type RecordContext = ReturnType<typeof resourceContext> & ReturnType<typeof scopeContext>;

// severityNumber 1–4 trace, 5–8 debug, 9–12 info, 13–16 warn, 17–20 error, 21–24 fatal.
function severityLevel(severity: unknown): string | undefined {
  const n = typeof severity === "string" ? severityNames.get(severity) : severity;
  return typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= 24
    ? logLevels[Math.floor((n - 1) / 4)]
    : undefined;
}

// The spec says integers only, but proto3 JSON also has the enum names: accept both.
const severityNames = new Map<string, number>(
  logLevels.flatMap((level, i) =>
    ["", "2", "3", "4"].map(
      (suffix, j) => [`SEVERITY_NUMBER_${level.toUpperCase()}${suffix}`, i * 4 + j + 1] as const,
    ),
  ),
);

/** A mapped field takes only a scalar attribute; a list or map stays in attributes alone. */
function scalar(value: unknown): string | number | boolean | undefined {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
    ? value
    : undefined;
}

function nonBlank(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/** The event's message, or why the record is rejected. */
function message(record: Message): string | UnparseableLine {
  const body = anyValueJson(field(record, "body", "body"), 1, () => depthMarker);
  if (typeof body === "string") {
    return body.trim() === "" ? new UnparseableLine("log record body is blank") : body;
  }
  if (body !== undefined) return JSON.stringify(body);
  return (
    nonBlank(field(record, "eventName", "event_name")) ??
    new UnparseableLine("log record has no body and no event name")
  );
}

/** Nanoseconds since the epoch → milliseconds; 0 means unset (proto3), NaN stays NaN. */
function epochMs(nanos: unknown): number | undefined {
  const n = int64Number(nanos);
  return n === undefined || n === 0 ? undefined : Math.floor(n / 1e6);
}

export function recordEvent(record: Message, context: RecordContext): unknown {
  const text = message(record);
  if (text instanceof UnparseableLine) return text;
  const attributes = keyValuesJson(field(record, "attributes", "attributes"), 2);
  const severityText = field(record, "severityText", "severity_text");
  const eventName = nonBlank(field(record, "eventName", "event_name"));
  const spanId = idHex(field(record, "spanId", "span_id"), 8);
  // Members in this order, the optional ones only when set: normalisation moves the unknown
  // ones into attributes in this order.
  const event: Record<string, unknown> = {
    message: text,
    level:
      severityLevel(field(record, "severityNumber", "severity_number")) ??
      (typeof severityText === "string" && severityText !== "" ? severityText : undefined),
    timestamp:
      epochMs(field(record, "timeUnixNano", "time_unix_nano")) ??
      epochMs(field(record, "observedTimeUnixNano", "observed_time_unix_nano")),
    id: scalar(attributes["log.record.uid"]),
    trace_id: idHex(field(record, "traceId", "trace_id"), 16),
    logger: context.logger,
    release: context.release,
    environment: context.environment,
    session_id: scalar(attributes["session.id"]),
    user_id: scalar(attributes["user.id"]) ?? scalar(attributes["enduser.id"]),
    url: scalar(attributes["url.full"]),
    stack: scalar(attributes["exception.stacktrace"]),
    attributes,
  };
  if (context.resource) event.resource = context.resource;
  if (context.scope) event.scope = context.scope;
  if (spanId) event.span_id = spanId;
  // The body said what happened; the event name would otherwise be lost.
  if (eventName && text !== eventName) event.event_name = eventName;
  return event;
}

/** What every record under one resource shares: its attributes are converted once. */
export function resourceContext(resource: unknown) {
  const message = asMessage(resource);
  const attributes = message ? keyValuesJson(field(message, "attributes", "attributes"), 3) : {};
  return {
    resource: Object.keys(attributes).length > 0 ? attributes : undefined,
    release: scalar(attributes["service.version"]),
    environment:
      scalar(attributes["deployment.environment.name"]) ??
      scalar(attributes["deployment.environment"]),
  };
}

/** The instrumentation scope: `scope` in attributes, and its name as the logger. */
export function scopeContext(scope: unknown) {
  const message = asMessage(scope);
  const name = message && nonBlank(field(message, "name", "name"));
  const version = message && nonBlank(field(message, "version", "version"));
  return {
    scope: name || version ? { ...(name && { name }), ...(version && { version }) } : undefined,
    logger: name,
  };
}
