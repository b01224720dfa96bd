import { isJsonObject } from "../../normalize/json-tree";

// Readers for untrusted Sentry JSON: anything of an unexpected type reads as absent, so a
// mapping never throws on what a client sent, and own properties only (a key must not find
// Object.prototype members, threat INJ-5).

export type Json = Record<string, unknown>;

export function asObject(value: unknown): Json | undefined {
  return isJsonObject(value) ? value : undefined;
}

export function own(value: unknown, key: string): unknown {
  const object = asObject(value);
  return object && Object.hasOwn(object, key) ? object[key] : undefined;
}

/** A string, or a finite number or boolean as text (SDKs send numeric user ids); else undefined. */
export function text(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "boolean") {
    return String(value);
  }
  return undefined;
}

/** Non-blank text, or undefined. */
export function nonBlank(value: unknown): string | undefined {
  const s = text(value);
  return s !== undefined && s.trim() !== "" ? s : undefined;
}

/** A copy of an object without some keys, in a null-prototype object (no prototype setter). */
export function without(object: Json, dropped: ReadonlySet<string>): Json {
  const copy = Object.create(null) as Json;
  for (const key of Object.keys(object)) if (!dropped.has(key)) copy[key] = object[key];
  return copy;
}
