import { eventCaps } from "./limits";
import { repairString, truncateUtf8, utf8Length } from "./strings";

// Attributes are arbitrary client JSON. Everything here is iterative: JSON.parse accepts a
// million levels, but JSON.stringify throws near 4,200 and PGlite silently stores nothing or
// hangs from ~6,500 (threats V-4, V-6), so depth is capped before anything recursive runs.

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export type JsonObject = { [key: string]: JsonValue };

/** A JSON object: not null, not an array (what every reader of client JSON first asks). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export const depthMarker = "[logwell: nested deeper than 8 levels]";
export const sizeMarker = "[logwell: dropped, attributes over 16 KiB]";

export interface TreeReport {
  /** A string or key had NUL or a lone surrogate replaced, or a number was not finite. */
  repaired: boolean;
  /** A value deeper than the cap was replaced by depthMarker. */
  depthCapped: boolean;
  /**
   * When present, grows by an upper bound of the UTF-8 JSON size of every member copied below
   * the root (memberJsonBound), so the 16 KiB check can skip serialising small attributes.
   */
  jsonBytesBound?: number;
}

/**
 * Called with every copied member (key null for array elements) once its value is clean; what
 * it returns is stored instead (the scrubber redacts here, in the same pass as the copy).
 */
export type MemberHook = (key: string | null, value: JsonValue) => JsonValue;

/**
 * At least the bytes `"key":value,` takes in JSON, counting a container as its two brackets
 * (its members are counted one by one). JSON.stringify writes at most 6 bytes per UTF-16 unit
 * (\u0001) and at most 25 characters per finite number.
 */
export function memberJsonBound(key: string | null, value: JsonValue): number {
  const keyBytes = key === null ? 1 : 6 * key.length + 4;
  if (typeof value === "string") return keyBytes + 6 * value.length + 2;
  if (typeof value === "number") return keyBytes + 32;
  return keyBytes + (typeof value === "object" && value !== null ? 2 : 5);
}

type Container = unknown[] | Record<string, unknown>;

function isContainer(value: unknown): value is Container {
  return typeof value === "object" && value !== null;
}

/** Objects come back with a null prototype, so `__proto__` is just a key (threat INJ-5). */
function emptyLike(value: Container): JsonValue[] | JsonObject {
  return Array.isArray(value) ? [] : (Object.create(null) as JsonObject);
}

function cleanScalar(value: unknown, report: TreeReport): JsonValue {
  if (typeof value === "string") {
    const repaired = repairString(value);
    if (repaired !== value) report.repaired = true;
    return repaired;
  }
  if (typeof value === "number") {
    // 1e309 parses to Infinity, which JSON cannot carry (threat V-8).
    if (Number.isFinite(value)) return value;
    report.repaired = true;
    return null;
  }
  if (typeof value === "boolean" || value === null) return value;
  report.repaired = true;
  return null;
}

/**
 * A clean copy of a parsed JSON value: strings and keys repaired, containers deeper than
 * maxDepth replaced by depthMarker. `depth` is the depth of `value` itself (attributes = 1).
 */
export function sanitizeJson(
  value: unknown,
  depth: number,
  report: TreeReport,
  maxDepth: number = eventCaps.attributesDepth,
  member?: MemberHook,
): JsonValue {
  if (!isContainer(value)) return cleanScalar(value, report);
  if (depth > maxDepth) {
    report.depthCapped = true;
    return depthMarker;
  }
  const root = emptyLike(value);
  const pending: Array<[Container, JsonValue[] | JsonObject, number]> = [[value, root, depth]];
  const child = (item: unknown, parentDepth: number): JsonValue => {
    if (!isContainer(item)) return cleanScalar(item, report);
    if (parentDepth + 1 > maxDepth) {
      report.depthCapped = true;
      return depthMarker;
    }
    const copy = emptyLike(item);
    pending.push([item, copy, parentDepth + 1]);
    return copy;
  };
  const keep = (key: string | null, copied: JsonValue): JsonValue => {
    const stored = member ? member(key, copied) : copied;
    if (report.jsonBytesBound !== undefined) report.jsonBytesBound += memberJsonBound(key, stored);
    return stored;
  };
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [source, target, level] = next;
    if (Array.isArray(source)) {
      const out = target as JsonValue[];
      for (const item of source) out.push(keep(null, child(item, level)));
    } else {
      const out = target as JsonObject;
      // Object.keys, not entries: no [key, value] pair allocated per member.
      for (const rawKey of Object.keys(source)) {
        const key = repairString(rawKey);
        if (key !== rawKey) report.repaired = true;
        out[key] = keep(key, child(source[rawKey], level));
      }
    }
  }
  return root;
}

/**
 * Fits a (sanitised, depth-capped) attributes object into maxBytes of JSON. Entries are kept in
 * order while they fit; a string that does not fit is shortened, any other value is replaced by
 * sizeMarker or dropped. The result fits, so a second pass changes nothing.
 */
export function capJsonSize(
  attributes: JsonObject,
  maxBytes: number = eventCaps.attributesBytes,
  /** An upper bound of the JSON size already known (TreeReport.jsonBytesBound). */
  sizeBound: number = Number.POSITIVE_INFINITY,
): { value: JsonObject; truncated: boolean } {
  if (sizeBound <= maxBytes || utf8Length(JSON.stringify(attributes)) <= maxBytes) {
    return { value: attributes, truncated: false };
  }
  const out = Object.create(null) as JsonObject;
  let used = 2; // "{}"
  for (const [key, item] of Object.entries(attributes)) {
    const keyBytes = utf8Length(JSON.stringify(key)) + 2; // key, colon and a comma
    const itemBytes = utf8Length(JSON.stringify(item));
    if (used + keyBytes + itemBytes <= maxBytes) {
      out[key] = item;
      used += keyBytes + itemBytes;
      continue;
    }
    const room = maxBytes - used - keyBytes;
    const shortened = typeof item === "string" ? shortenForJson(item, room) : undefined;
    const replacement = shortened ?? sizeMarker;
    const replacementBytes = utf8Length(JSON.stringify(replacement));
    if (replacementBytes <= room) {
      out[key] = replacement;
      used += keyBytes + replacementBytes;
    }
  }
  return { value: out, truncated: true };
}

/** The longest prefix whose JSON string literal fits in `room` bytes; undefined if tiny. */
function shortenForJson(value: string, room: number): string | undefined {
  if (room < 64) return undefined;
  let budget = room - 2;
  // Escapes (\n, \u0001) make the literal longer than the text: shrink until it fits.
  for (let attempt = 0; attempt < 8 && budget > 0; attempt++) {
    const candidate = truncateUtf8(value, budget);
    const overflow = utf8Length(JSON.stringify(candidate)) - room;
    if (overflow <= 0) return candidate;
    budget -= Math.max(overflow, 1);
  }
  return undefined;
}
