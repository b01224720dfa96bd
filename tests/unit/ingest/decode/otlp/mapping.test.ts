import { describe, expect, test } from "vitest";
import { decodeOtlpJson } from "@/lib/ingest/decode/otlp/json";
import { decodeOtlpProtobuf } from "@/lib/ingest/decode/otlp/protobuf";
import { prepareBatch } from "@/lib/ingest/normalize/batch";
import { depthMarker } from "@/lib/ingest/normalize/json-tree";
import { type Json, request, str, toProtobuf } from "./requests";

// docs/api.md → OTLP → mapping, rule by rule, on both encodings: the raw events the decoders
// make are normalised as a native event would be, and the stored shape is checked.

const receivedAt = new Date("2026-12-07T18:00:00.000Z");
const encodings = {
  protobuf: (json: Json) => decodeOtlpProtobuf(toProtobuf(json), 1000),
  json: (json: Json) => decodeOtlpJson(JSON.stringify(json), 1000),
};

describe.each(Object.entries(encodings))("OTLP %s", (_name, decode) => {
  const stored = (json: Json) => prepareBatch(decode(json), receivedAt);
  const one = (record: Json, resource?: Json[], scope?: Json) => {
    const batch = stored(request([record], resource, scope));
    expect(batch.errors).toEqual([]);
    return batch.events[0];
  };

  test("every mapped field", () => {
    const event = one(
      {
        timeUnixNano: "1796666400123456789",
        observedTimeUnixNano: "1796666401000000000",
        severityNumber: 17,
        severityText: "ERROR",
        body: { stringValue: "checkout failed" },
        traceId: "5B8EFFF798038103D269B633813FC60C",
        spanId: "EEE19B7EC3C1B174",
        attributes: [
          str("log.record.uid", "01JEXAMPLE0000000000000000"),
          str("session.id", "s-1"),
          str("user.id", "u-7"),
          str("url.full", "https://shop.example/pay?token=abc&page=2"),
          str("exception.stacktrace", "Error: boom\n    at pay (app.js:1:2)"),
          { key: "cart.items", value: { intValue: "3" } },
        ],
      },
      [
        str("service.name", "shop"),
        str("service.version", "2.4.1"),
        str("deployment.environment.name", "production"),
      ],
      { name: "checkout", version: "1.0.0" },
    );
    expect(event).toMatchObject({
      clientId: "01JEXAMPLE0000000000000000",
      level: "error",
      message: "checkout failed",
      timestamp: "2026-12-07T18:00:00.123Z",
      logger: "checkout",
      release: "2.4.1",
      environment: "production",
      sessionId: "s-1",
      userId: "u-7",
      traceId: "5b8efff798038103d269b633813fc60c",
      url: "https://shop.example/pay?token=[redacted]&page=2",
      stack: "Error: boom\n    at pay (app.js:1:2)",
    });
    expect({ ...event?.attributes }).toEqual({
      "log.record.uid": "01JEXAMPLE0000000000000000",
      // The scrubber's word "session" (docs/api.md): the column keeps it, attributes do not.
      "session.id": "[redacted]",
      "user.id": "u-7",
      "url.full": "https://shop.example/pay?token=[redacted]&page=2",
      "exception.stacktrace": "Error: boom\n    at pay (app.js:1:2)",
      "cart.items": 3,
      resource: {
        "service.name": "shop",
        "service.version": "2.4.1",
        "deployment.environment.name": "production",
      },
      scope: { name: "checkout", version: "1.0.0" },
      span_id: "eee19b7ec3c1b174",
    });
  });

  test("severity numbers: 1-4 trace … 21-24 fatal", () => {
    const records = Array.from({ length: 24 }, (_, i) => ({
      severityNumber: i + 1,
      body: { stringValue: `n${i + 1}` },
    }));
    const levels = stored(request(records)).events.map((e) => e.level);
    expect(levels).toEqual(
      ["trace", "debug", "info", "warn", "error", "fatal"].flatMap((l) => [l, l, l, l]),
    );
  });

  test("without a severity number: severity text with the native aliases, else info", () => {
    const texts = ["WARNING", "Critical", "error", "log", "Information", ""];
    const records = texts.map((severityText) => ({ severityText, body: { stringValue: "m" } }));
    const events = stored(request([...records, { body: { stringValue: "m" } }])).events;
    expect(events.map((e) => e.level)).toEqual([
      "warn",
      "fatal",
      "error",
      "info",
      "info",
      "info",
      "info",
    ]);
    expect(events[4]?.normalizedFields).toEqual(["level"]);
    expect(events[6]?.normalizedFields).toEqual([]);
  });

  test("timestamp: timeUnixNano, else observedTimeUnixNano, else none", () => {
    const events = stored(
      request([
        { observedTimeUnixNano: "1796666400000000000", body: { stringValue: "a" } },
        { timeUnixNano: "0", body: { stringValue: "b" } },
      ]),
    ).events;
    expect(events.map((e) => e.timestamp)).toEqual(["2026-12-07T18:00:00.000Z", null]);
  });

  test("a body that is not a string is stored as its JSON text (bytes as base64)", () => {
    const bodies = [
      { intValue: "42" },
      { boolValue: false },
      { doubleValue: 1.5 },
      { arrayValue: { values: [{ stringValue: "a" }, { intValue: 1 }, {}] } },
      { kvlistValue: { values: [str("k", "v"), { key: "n", value: { kvlistValue: {} } }] } },
      { bytesValue: "AAEC" },
    ];
    const events = stored(request(bodies.map((body) => ({ body })))).events;
    expect(events.map((e) => e.message)).toEqual([
      "42",
      "false",
      "1.5",
      '["a",1,null]',
      '{"k":"v","n":{}}',
      "AAEC", // bytes: their base64 text
    ]);
  });

  test("blank body, or no body and no event name: that record is rejected, the rest kept", () => {
    const batch = stored(
      request([
        { body: { stringValue: "kept" } },
        { body: { stringValue: " \n" } },
        { eventName: "checkout.done" },
        { attributes: [str("a", "b")] },
        { body: { stringValue: "" }, eventName: "ignored" },
      ]),
    );
    expect(batch.events.map((e) => e.message)).toEqual(["kept", "checkout.done"]);
    expect(batch.errors).toEqual([
      { index: 1, message: "log record body is blank" },
      { index: 3, message: "log record has no body and no event name" },
      { index: 4, message: "log record body is blank" },
    ]);
  });

  test("an event name beside a body is kept as attributes.event_name", () => {
    const event = one({ body: { stringValue: "m" }, eventName: "app.start" });
    expect(event?.attributes?.event_name).toBe("app.start");
  });

  test("older and alternative attribute names", () => {
    const event = one({ body: { stringValue: "m" }, attributes: [str("enduser.id", "e-1")] }, [
      str("deployment.environment", "staging"),
    ]);
    expect(event).toMatchObject({ userId: "e-1", environment: "staging" });
  });

  test("int64 values: exact numbers, beyond 2^53 their decimal text", () => {
    const event = one({
      body: { stringValue: "m" },
      attributes: [
        { key: "small", value: { intValue: "-12" } },
        { key: "big", value: { intValue: "9223372036854775807" } },
        { key: "negative", value: { intValue: "-9223372036854775808" } },
      ],
    });
    expect({ ...event?.attributes }).toEqual({
      small: -12,
      big: "9223372036854775807",
      negative: "-9223372036854775808",
    });
  });

  test("attributes deeper than the cap become the native depth marker", () => {
    let value: Json = { stringValue: "bottom" };
    for (let i = 0; i < 12; i++) value = { kvlistValue: { values: [{ key: "d", value }] } };
    const event = one({ body: value, attributes: [{ key: "deep", value }] });
    expect(event?.truncatedFields).toContain("attributes");
    expect(JSON.stringify(event?.attributes)).toContain(depthMarker);
    expect(event?.message).toContain(depthMarker);
    expect(event?.message).not.toContain("bottom");
  });

  test("a record attribute named resource, scope or span_id wins over Logwell's", () => {
    const event = one(
      {
        body: { stringValue: "m" },
        spanId: "0102030405060708",
        attributes: [str("scope", "mine")],
      },
      [str("service.name", "x")],
      { name: "lib" },
    );
    expect(event?.attributes?.scope).toBe("mine");
    expect(event?.logger).toBe("lib");
    expect(event?.attributes?.span_id).toBe("0102030405060708");
  });

  test("log.record.uid repeated in a request is stored once", () => {
    const record = { body: { stringValue: "m" }, attributes: [str("log.record.uid", "u1")] };
    const batch = stored(request([record, record]));
    expect(batch.events).toHaveLength(1);
    expect(batch.repeatedInRequest).toBe(1);
  });

  test("an empty request holds no event", () => {
    expect(decode({})).toEqual([]);
    expect(decode({ resourceLogs: [{ scopeLogs: [{}] }, {}] })).toEqual([]);
  });
  test("__proto__ is a key in a map value, a map body and the resource too, with its value", () => {
    const proto = (value: object) => ({ kvlistValue: { values: [{ key: "__proto__", value }] } });
    const event = one(
      {
        body: proto({ stringValue: "in the body" }),
        attributes: [{ key: "map", value: proto({ intValue: "7" }) }],
      },
      [{ key: "__proto__", value: { stringValue: "in the resource" } }],
    );
    expect(event?.message).toBe('{"__proto__":"in the body"}');
    const own = (value: unknown) =>
      Object.getOwnPropertyDescriptor(value as object, "__proto__")?.value;
    expect(own(event?.attributes?.map)).toBe(7);
    expect(own(event?.attributes?.resource)).toBe("in the resource");
    expect(JSON.stringify(event?.attributes)).toBe(
      '{"map":{"__proto__":7},"resource":{"__proto__":"in the resource"}}',
    );
  });
});

describe("OTLP/JSON as real encoders write it", () => {
  const decode = (json: unknown) =>
    prepareBatch(decodeOtlpJson(JSON.stringify(json), 1000), receivedAt);

  test("snake_case keys, int64 as numbers, enum names, unknown fields ignored", () => {
    const batch = decode({
      resource_logs: [
        {
          resource: { attributes: [{ key: "service.version", value: { string_value: "3" } }] },
          scope_logs: [
            {
              scope: { name: "py", extra: 1 },
              log_records: [
                {
                  time_unix_nano: 1796666400000000000,
                  severity_number: "SEVERITY_NUMBER_WARN2",
                  body: { string_value: "snake", future_value: { x: 1 } },
                  trace_id: "AAECAwQFBgcICQoLDA0ODw==",
                  span_id: "0000000000000000",
                  attributes: [{ key: "n", value: { int_value: 7 } }],
                  someFutureField: [1, 2, 3],
                },
              ],
            },
          ],
        },
      ],
      somethingNew: true,
    });
    expect(batch.errors).toEqual([]);
    expect(batch.events[0]).toMatchObject({
      message: "snake",
      level: "warn",
      release: "3",
      logger: "py",
      timestamp: "2026-12-07T18:00:00.000Z",
      // plain proto3 JSON writes bytes as base64; an all-zero span id means none
      traceId: "000102030405060708090a0b0c0d0e0f",
    });
    expect(batch.events[0]?.attributes?.span_id).toBeUndefined();
    expect(batch.events[0]?.attributes?.n).toBe(7);
  });

  test("ids of the wrong length or alphabet are dropped, not stored", () => {
    const batch = decode(request([{ body: { stringValue: "m" }, traceId: "xyz", spanId: "abc" }]));
    expect(batch.events[0]?.traceId).toBeNull();
  });

  test("a timestamp that is not an integer is dropped and listed", () => {
    const batch = decode(request([{ body: { stringValue: "m" }, timeUnixNano: "soon" }]));
    expect(batch.events[0]).toMatchObject({ timestamp: null, normalizedFields: ["timestamp"] });
  });

  test("__proto__ as an attribute key is just a key", () => {
    const text = `{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":{"stringValue":"m"},"attributes":[{"key":"__proto__","value":{"stringValue":"x"}}]}]}]}]}`;
    const batch = prepareBatch(decodeOtlpJson(text, 10), receivedAt);
    expect(Object.hasOwn(batch.events[0]?.attributes ?? {}, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
