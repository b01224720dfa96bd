import { normalizeAttributes, type SharedCopies } from "./attributes";
import { isJsonObject } from "./json-tree";
import { eventCaps } from "./limits";
import { FieldMarks } from "./marks";
import {
  knownFields,
  type NormalizedEvent,
  optionalTextFields,
  parseLevel,
  parseWireEvent,
  type TextCap,
  type TextKey,
} from "./schema";
import { scrubText } from "./scrub";
import { repairString, truncateCodePoints, truncateUtf8 } from "./strings";
import { normalizeTimestamp } from "./timestamp";

// One wire event → one storable event, or a reason to reject it. Total: never throws on any
// JSON value (TC-01). Order matters: split and depth-cap first (nothing recursive before it),
// then repair every string and key, then validate, scrub, and truncate by code point.
// Attributes (and unknown top-level fields) are attributes.ts's job.

export type NormalizeResult = { ok: true; event: NormalizedEvent } | { ok: false; message: string };

/** Free-text fields where SDKs capture secrets (URLs with tokens, "Bearer …" in messages). */
const scrubbedFields = new Set(["message", "stack", "url"]);

const textCaps: Record<TextCap | "message", (s: string) => string> = {
  message: (s) => truncateUtf8(s, eventCaps.messageBytes),
  short: (s) => truncateCodePoints(s, eventCaps.shortChars),
  url: (s) => truncateUtf8(s, eventCaps.urlBytes),
  stack: (s) => truncateUtf8(s, eventCaps.stackBytes),
};

/** What normalizeEvent's event literal holds before the text fields' loop and the marks. */
type EventBeforeTexts = Omit<NormalizedEvent, TextKey | "truncatedFields" | "normalizedFields">;

export function normalizeEvent(
  raw: unknown,
  receivedAt: Date,
  /** The request's shared copies (attributes.ts), when the event is one of a batch. */
  shared?: SharedCopies,
): NormalizeResult {
  if (!isJsonObject(raw)) return { ok: false, message: "event must be a JSON object" };
  const marks = new FieldMarks();

  // Shallow split: known scalar fields vs everything that belongs in attributes.
  const scalars: Record<string, unknown> = {};
  let extra: Array<[string, unknown]> | undefined;
  let attributesRaw: unknown;
  for (const key of Object.keys(raw)) {
    const value = raw[key];
    if (key === "attributes") attributesRaw = value;
    else if (knownFields.has(key) && (typeof value !== "object" || value === null)) {
      scalars[key] = typeof value === "string" ? repairField(key, value, marks) : value;
    } else {
      // Unknown fields, and known fields holding an object or array, keep their data here.
      if (knownFields.has(key)) marks.normalize(key);
      extra ??= [];
      extra.push([key, value]);
    }
  }

  const parsed = parseWireEvent(scalars);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || "event";
    const wrongType = issue?.code === "invalid_union" || issue?.code === "invalid_type";
    return {
      ok: false,
      message: wrongType ? `${field} is required and must be a string` : `${issue?.message}`,
    };
  }
  const wire = parsed.data;

  const { attributes, clientUserAgent } = normalizeAttributes(
    attributesRaw,
    extra ?? [],
    marks,
    shared,
  );

  let level = parseLevel(scalars.level);
  if (!level) {
    level = "info";
    marks.normalize("level");
  }
  const time = normalizeTimestamp(scalars.timestamp, receivedAt);
  if (time.normalized) marks.normalize("timestamp");

  const clientId = wire.id === undefined || wire.id === null || wire.id === "" ? null : wire.id;
  if (wire.id === "") marks.normalize("id");

  // The text fields join in the loop, off their one list (schema.ts); the marks come last,
  // once every cap has had its say.
  const event = {
    clientId,
    level,
    message: capAndScrub("message", wire.message, textCaps.message, marks),
    timestamp: time.timestamp,
    attributes,
    clientUserAgent,
  } satisfies EventBeforeTexts as NormalizedEvent;
  for (const field of optionalTextFields) {
    const value = wire[field.wire];
    event[field.key] =
      value === undefined || value === null
        ? null
        : capAndScrub(field.wire, value, textCaps[field.cap], marks);
  }
  event.truncatedFields = marks.truncatedFields();
  event.normalizedFields = marks.normalizedFields();
  return { ok: true, event };
}

/**
 * Capped before scrubbing (no regex sees more than the cap, threat SIZE-5), and again after,
 * since "[redacted]" can be longer than what it replaced.
 */
function capAndScrub(
  field: string,
  value: string,
  cap: (s: string) => string,
  marks: FieldMarks,
): string {
  const capped = cap(value);
  const scrubbed = scrubbedFields.has(field) ? scrubText(capped) : capped;
  if (scrubbed !== capped) marks.normalize("scrubbed");
  const final = scrubbed === capped ? capped : cap(scrubbed);
  if (capped !== value || final !== scrubbed) marks.truncate(field);
  return final;
}

function repairField(key: string, value: string, marks: FieldMarks): string {
  const repaired = repairString(value);
  if (repaired !== value) marks.normalize(key);
  return repaired;
}
