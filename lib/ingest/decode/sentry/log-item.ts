import { correctedTime } from "./timestamp";
import { asObject, type Json, nonBlank, own, text } from "./values";

// A `log` item (`{"items": [...]}`, with or without `version` and `ingest_settings`) → one
// native raw event per log (docs/api.md → Sentry → log mapping). Attributes arrive wrapped as
// `{value, type}` (and maybe `unit`); they are stored as their plain values.

/** The container's logs, or undefined when the payload is not a log container. */
export function logItems(payload: unknown): unknown[] | undefined {
  const items = own(payload, "items");
  return Array.isArray(items) ? items : undefined;
}

function plainAttributes(value: unknown): Json {
  const out = Object.create(null) as Json;
  const wrapped = asObject(value);
  if (!wrapped) return out;
  for (const key of Object.keys(wrapped)) {
    const attribute = wrapped[key];
    const object = asObject(attribute);
    out[key] = object && Object.hasOwn(object, "value") ? object.value : attribute;
  }
  return out;
}

/** One log → a native raw event; undefined when it is not an object. */
export function sentryLogToRaw(raw: unknown, driftMs: number): Json | undefined {
  const log = asObject(raw);
  if (!log) return undefined;
  const attributes = plainAttributes(own(log, "attributes"));
  const out: Json = {
    // A blank body stays blank: native validation rejects that one log, not its envelope.
    message: text(own(log, "body")) ?? "",
    level: nonBlank(own(log, "level")),
    timestamp: correctedTime(own(log, "timestamp"), driftMs),
    trace_id: text(own(log, "trace_id")),
    release: text(attributes["sentry.release"]),
    environment: text(attributes["sentry.environment"]),
    attributes,
  };
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out;
}
