import { fc, test as property } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { ApiError } from "@/lib/http/errors";
import { decodeOtlpJson } from "@/lib/ingest/decode/otlp/json";
import { decodeOtlpProtobuf } from "@/lib/ingest/decode/otlp/protobuf";
import { depthMarker } from "@/lib/ingest/normalize/json-tree";
import { hostileValue } from "../../normalize/arbitraries";
import { request, toProtobuf } from "./requests";

// Whole-body refusals of the OTLP decoders, and their totality: any bytes or any JSON either
// decode or are refused with a 400 or 413, never another exception (TC-01 for OTLP).

const numRuns = Number(process.env.LOGWELL_FUZZ_RUNS) || 1000;
// Not arbitraries.ts's deepValue: the test's own JSON.stringify would overflow on it (deep
// bodies have their own test below).
const anyValue = fc.oneof(fc.jsonValue(), fc.jsonValue({ stringUnit: "binary" }), hostileValue);

function refusal(decode: () => unknown): number | "decoded" {
  try {
    decode();
    return "decoded";
  } catch (err) {
    if (err instanceof ApiError) return err.status;
    throw err;
  }
}

const record = { body: { stringValue: "m" } };

function varint(n: number): number[] {
  const bytes: number[] = [];
  for (; n > 127; n = Math.floor(n / 128)) bytes.push((n % 128) | 128);
  bytes.push(n);
  return bytes;
}

/**
 * `fields` as length-prefixed messages, the first outermost, around `inner`: headers are
 * computed from the inside out, so a million levels cost no quadratic copying.
 */
function nest(fields: number[], inner: Uint8Array): Uint8Array {
  const headers: number[][] = [];
  let length = inner.length;
  for (let i = fields.length - 1; i >= 0; i--) {
    const header = [...varint(((fields[i] as number) << 3) | 2), ...varint(length)];
    headers.push(header);
    length += header.length;
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (let i = headers.length - 1; i >= 0; i--) {
    out.set(headers[i] as number[], at);
    at += (headers[i] as number[]).length;
  }
  out.set(inner, at);
  return out;
}

/** A request with one record whose body nests `levels` kvlists (three protobuf levels each). */
function nestedBodyRequest(levels: number): Uint8Array {
  // request.resource_logs → scope_logs → log_records → body, then
  // AnyValue.kvlist_value → KeyValueList.values → KeyValue.value, around a string_value.
  const fields = [1, 2, 2, 5, ...Array.from({ length: levels }, () => [6, 1, 2]).flat()];
  return nest(fields, Uint8Array.from([0x0a, 1, 0x78]));
}

describe("OTLP protobuf: whole-body refusals", () => {
  test("bytes that are not a request: 400", () => {
    const good = toProtobuf(request([record]));
    expect(refusal(() => decodeOtlpProtobuf(good.subarray(0, good.length - 1), 10))).toBe(400);
    expect(refusal(() => decodeOtlpProtobuf(Buffer.from('{"resourceLogs":[]}'), 10))).toBe(400);
    expect(refusal(() => decodeOtlpProtobuf(Uint8Array.of(0x0f), 10))).toBe(400); // wire type 7
  });

  test("an empty body is an empty request", () => {
    expect(decodeOtlpProtobuf(new Uint8Array(0), 10)).toEqual([]);
  });

  test("more records than the cap: 413, counted before decoding", () => {
    const body = toProtobuf(request(Array.from({ length: 11 }, () => record)));
    expect(refusal(() => decodeOtlpProtobuf(body, 10))).toBe(413);
    expect(decodeOtlpProtobuf(body, 11)).toHaveLength(11);
  });

  test("nesting within protobufjs's limit decodes; beyond it, 400", () => {
    // 4 + 3 × 30 levels: deeper than anything stored, within protobufjs's 100.
    const [event] = decodeOtlpProtobuf(nestedBodyRequest(30), 10) as Array<{ message: string }>;
    expect(event?.message).toContain(depthMarker);
    expect(refusal(() => decodeOtlpProtobuf(nestedBodyRequest(40), 10))).toBe(400);
  });

  test("a megabyte of nested groups or length prefixes is refused, not a stack overflow", () => {
    // Unknown field 15 as start-group tags, one byte each.
    const groups = new Uint8Array(1 << 20).fill((15 << 3) | 3);
    expect(refusal(() => decodeOtlpProtobuf(groups, 10))).toBe(400);
    // A megabyte of nested kvlist bodies: length prefixes each around the next.
    expect(refusal(() => decodeOtlpProtobuf(nestedBodyRequest(100_000), 10))).toBe(400);
  });

  test("unknown fields, also groups, are skipped", () => {
    const known = toProtobuf(request([record]));
    // field 99 varint, field 98 a group holding a group, field 97 bytes
    const unknown = [
      ...varint((99 << 3) | 0),
      5,
      ...varint((98 << 3) | 3),
      ...varint((1 << 3) | 3),
      ...varint((1 << 3) | 4),
      ...varint((98 << 3) | 4),
      ...varint((97 << 3) | 2),
      2,
      1,
      2,
    ];
    const events = decodeOtlpProtobuf(Uint8Array.from([...unknown, ...known]), 10);
    expect(events).toHaveLength(1);
  });

  property.prop([fc.uint8Array({ maxLength: 512 })], { numRuns })(
    "any bytes: events or 400/413",
    (bytes) => {
      expect(["decoded", 400, 413]).toContain(refusal(() => decodeOtlpProtobuf(bytes, 1000)));
    },
  );

  property.prop([fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.nat()], { numRuns })(
    "a valid request with bytes flipped or cut: events or 400/413",
    (noise, at) => {
      const body = toProtobuf(
        request([record, { body: { arrayValue: { values: [record.body] } } }], [], { name: "s" }),
      );
      const cut = at % (body.length + 1);
      const mutated = Uint8Array.from([...body.subarray(0, cut), ...noise, ...body.subarray(cut)]);
      expect(["decoded", 400, 413]).toContain(refusal(() => decodeOtlpProtobuf(mutated, 1000)));
    },
  );
});

describe("OTLP/JSON: whole-body refusals", () => {
  test.each([
    ["not JSON", "{"],
    ["not an object", "[]"],
    ["resourceLogs not a list", '{"resourceLogs":{}}'],
    ["a scopeLogs entry not an object", '{"resourceLogs":[{"scopeLogs":[1]}]}'],
    ["logRecords not a list", '{"resourceLogs":[{"scopeLogs":[{"logRecords":"x"}]}]}'],
  ])("%s: 400", (_name, text) => {
    expect(refusal(() => decodeOtlpJson(text, 10))).toBe(400);
  });

  test("more records than the cap: 413", () => {
    const text = JSON.stringify(request(Array.from({ length: 11 }, () => record)));
    expect(refusal(() => decodeOtlpJson(text, 10))).toBe(413);
  });

  test("a body nested a million levels deep is refused or capped, never recursed into", () => {
    const deep = `${'{"kvlistValue":{"values":[{"key":"k","value":'.repeat(20_000)}{}${"}]}}".repeat(20_000)}`;
    const text = `{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":${deep}}]}]}]}`;
    const [event] = decodeOtlpJson(text, 10) as Array<{ message: string }>;
    expect(event?.message.length).toBeLessThan(1000);
  });

  property.prop([anyValue], { numRuns })("any JSON value: events or 400/413", (value) => {
    expect(["decoded", 400, 413]).toContain(
      refusal(() => decodeOtlpJson(JSON.stringify(value), 1000)),
    );
  });

  property.prop(
    [anyValue, fc.constantFrom("body", "attributes", "timeUnixNano", "traceId", "severityNumber")],
    { numRuns },
  )("any JSON in a record's fields: events or 400", (value, name) => {
    const text = JSON.stringify(
      request([{ [name]: value }], [{ key: "r", value }], { name: value }),
    );
    expect(["decoded", 400]).toContain(refusal(() => decodeOtlpJson(text, 1000)));
  });
});
