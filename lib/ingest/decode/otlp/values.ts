import { eventCaps } from "../../normalize/limits";

// OTLP values as they arrive from either encoding, made plain JSON: protobufjs's decoded
// messages (Long objects, Uint8Array, unset fields read from the prototype) and OTLP/JSON as
// real encoders write it (int64 as strings or numbers, hex ids in any case, snake_case keys,
// base64 bytes). Anything of an unexpected type reads as absent: unknown fields are ignored.

export type Message = Record<string, unknown>;
type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A field by its JSON name, or by its .proto name (the Collector accepts both). Own properties
 * only: protobufjs puts every unset field's default on the prototype (an AnyValue holding an
 * int still reads stringValue ""), and a JSON key must not find Object.prototype members.
 */
export function field(message: Message, jsonName: string, protoName: string): unknown {
  if (Object.hasOwn(message, jsonName)) return message[jsonName];
  return Object.hasOwn(message, protoName) ? message[protoName] : undefined;
}

export function asMessage(value: unknown): Message | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Message)
    : undefined;
}

/** A repeated field: protobufjs gives an array, OTLP/JSON an array or nothing. */
export function asList(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

interface LongBits {
  low: number;
  high: number;
  unsigned?: boolean;
}

function isLong(value: unknown): value is LongBits {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as LongBits).low === "number" &&
    typeof (value as LongBits).high === "number"
  );
}

const decimal = /^-?\d{1,20}$/;

/**
 * An int64 as a JavaScript number (nanosecond timestamps lose their last digits, which a
 * millisecond column never had), undefined when absent, NaN when present but not a number.
 */
export function int64Number(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number") return value;
  if (typeof value === "string") return decimal.test(value.trim()) ? Number(value) : Number.NaN;
  if (isLong(value)) {
    const high = value.unsigned ? value.high >>> 0 : value.high;
    return high * 2 ** 32 + (value.low >>> 0);
  }
  return Number.NaN;
}

/** An int64 attribute value: a number when it is exact as a double, else its decimal text. */
function int64Value(value: unknown): number | string | null {
  if (typeof value === "string" && decimal.test(value.trim())) {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : BigInt(value.trim()).toString();
  }
  if (isLong(value)) {
    const n = int64Number(value) as number;
    if (Number.isSafeInteger(n)) return n;
    const bits = (BigInt(value.high >>> 0) << 32n) | BigInt(value.low >>> 0);
    return (value.unsigned ? bits : BigInt.asIntN(64, bits)).toString();
  }
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

const hex = /^[0-9a-f]+$/i;
const base64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * A trace or span id of `size` bytes as lower-case hex: bytes from protobuf; hex from OTLP/JSON
 * (any case), or base64 from encoders that follow plain proto3 JSON. All zeros means "no id".
 */
export function idHex(value: unknown, size: number): string | undefined {
  let text: string | undefined;
  if (value instanceof Uint8Array) {
    if (value.length === size) text = Buffer.from(value).toString("hex");
  } else if (typeof value === "string") {
    if (value.length === 2 * size && hex.test(value)) text = value.toLowerCase();
    else if (value.length === 4 * Math.ceil(size / 3) && base64.test(value)) {
      const bytes = Buffer.from(value, "base64");
      if (bytes.length === size) text = bytes.toString("hex");
    }
  }
  return text === undefined || /^0+$/.test(text) ? undefined : text;
}

/**
 * What a container deeper than the cap becomes. For attributes, a stand-in container, which
 * json-tree.ts replaces by its depth marker (and marks `attributes` truncated), as it would a
 * native event's; a body (made JSON text) takes the marker itself.
 */
type Deep = () => JsonValue;
const deepStandIn: Deep = () => [];

/**
 * An AnyValue as plain JSON, or undefined when no value is set. `depth` is the JSON depth the
 * value lands at (a record attribute's value: 2, the attributes object being 1); recursion
 * stops at the attribute depth cap, so it is bounded whatever the body holds.
 */
export function anyValueJson(
  value: unknown,
  depth: number,
  deep: Deep = deepStandIn,
): JsonValue | undefined {
  const any = asMessage(value);
  if (!any) return undefined;
  const text = field(any, "stringValue", "string_value");
  if (typeof text === "string") return text;
  const flag = field(any, "boolValue", "bool_value");
  if (typeof flag === "boolean") return flag;
  const int = field(any, "intValue", "int_value");
  if (int !== undefined && int !== null) return int64Value(int);
  const double = field(any, "doubleValue", "double_value");
  // OTLP/JSON writes NaN and infinities as strings; json-tree.ts stores them as null.
  if (typeof double === "number" || typeof double === "string") return Number(double);
  const bytes = field(any, "bytesValue", "bytes_value");
  if (bytes instanceof Uint8Array) return Buffer.from(bytes).toString("base64");
  if (typeof bytes === "string") return bytes;
  const array = asMessage(field(any, "arrayValue", "array_value"));
  if (array) {
    if (depth > eventCaps.attributesDepth) return deep();
    const items = asList(field(array, "values", "values"));
    return items.map((item) => anyValueJson(item, depth + 1, deep) ?? null);
  }
  const kvlist = asMessage(field(any, "kvlistValue", "kvlist_value"));
  if (kvlist) {
    if (depth > eventCaps.attributesDepth) return deep();
    return keyValuesJson(field(kvlist, "values", "values"), depth + 1, deep);
  }
  return undefined;
}

/**
 * A KeyValue list as an object whose members sit at `depth`, the way JSON.parse makes objects:
 * a key "__proto__" is an own member (threat INJ-5), not the prototype; the first of repeated
 * keys wins; unset values are null; a key that is not a string drops its pair. Normalisation
 * copies it (json-tree.ts) into a null-prototype object before anything is stored; a plain
 * object is cheaper to build and read than a null-prototype one, which V8 keeps as a hash table.
 */
export function keyValuesJson(
  list: unknown,
  depth: number,
  deep: Deep = deepStandIn,
): { [key: string]: JsonValue } {
  const object: { [key: string]: JsonValue } = {};
  for (const item of asList(list)) {
    const pair = asMessage(item);
    if (!pair) continue;
    // proto3 writes no empty string: an absent key is the key "".
    const key = field(pair, "key", "key") ?? "";
    if (typeof key !== "string" || Object.hasOwn(object, key)) continue;
    const value = anyValueJson(field(pair, "value", "value"), depth, deep) ?? null;
    if (key === "__proto__") {
      Object.defineProperty(object, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else object[key] = value;
  }
  return object;
}
