import { fc } from "@fast-check/vitest";

// Hostile inputs for the normaliser property tests (TC-01; fast-check 4 spells
// `fc.unicodeJsonValue()` as `fc.jsonValue({ stringUnit: "binary" })`): what a broken or malicious client
// can put in JSON. Objects are built with Object.fromEntries, so `__proto__` becomes an own
// key exactly as JSON.parse makes it (threat V-9).

const bigStrings = [
  "x".repeat(1 << 20),
  "😀".repeat(40_000),
  "\0".repeat(9000),
  "é".repeat(20_000),
];

const rawUnits = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 })
  .map((units) => String.fromCharCode(...units));

export const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.string() },
  { weight: 4, arbitrary: rawUnits },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 300 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "",
      " ",
      "\0",
      "\uD800",
      "\uDC00x",
      "😀".slice(0, 1),
      "\u2028\u2029",
      "\u202Eevil",
      "\x1b]8;;javascript:alert(1)\x07link\x1b]8;;\x07",
      "__proto__",
      "constructor",
      "https://a.example/?token=secret&password=hunter2#access_token=x",
      "2024-02-30T00:00:00Z",
      "infinity",
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(...bigStrings) },
);

export const hostileKey = fc.oneof(
  hostileString,
  fc.constantFrom(
    "__proto__",
    "constructor",
    "prototype",
    "message",
    "level",
    "id",
    "timestamp",
    "attributes",
    "events",
    "url",
    "received_at",
    "project_id",
    "truncated_fields",
    "user_agent",
    "password",
    "Authorization",
  ),
);

/** Nested arrays or objects `levels` deep, built iteratively (json-tree.test.ts goes to 1e6). */
export const deepValue = fc
  .tuple(fc.integer({ min: 0, max: 20_000 }), fc.boolean())
  .map(([levels, useObjects]) => {
    let value: unknown = "leaf";
    for (let i = 0; i < levels; i++) value = useObjects ? { a: value } : [value];
    return value;
  });

const oddNumbers = fc.constantFrom(
  JSON.parse("1e309") as number,
  -JSON.parse("1e309") as number,
  JSON.parse("12345678901234567890") as number,
  -0,
  8.64e15 + 1,
  Number.MAX_SAFE_INTEGER,
);

const leaf = fc.oneof(hostileString, fc.double(), oddNumbers, fc.boolean(), fc.constant(null));

export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.array(fc.tuple(hostileKey, tie("value")), { maxLength: 4 }).map(Object.fromEntries),
  ),
})).value;

export const anyValue = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue() },
  { weight: 3, arbitrary: fc.jsonValue({ stringUnit: "binary" }) },
  { weight: 3, arbitrary: hostileValue },
  { weight: 1, arbitrary: deepValue },
);

const fieldValue = (typical: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 6, arbitrary: typical }, { weight: 1, arbitrary: anyValue });

const levels = fc.constantFrom(
  "trace",
  "debug",
  "INFO",
  "Warning",
  "error",
  "FATAL",
  "panic",
  "log",
  "bogus",
  "__proto__",
  "constructor",
  30,
  45,
);

const timestamps = fc.oneof(
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.integer({ min: -1e15, max: 1e16 }),
  fc.constantFrom("2024-01-01T00:00:00+14:00", "2016-12-31T23:59:60Z", "+200000-01-01T00:00:00Z"),
  hostileString,
);

/** An event-shaped object: known fields (often well-typed, sometimes not) plus extra fields. */
export const hostileEvent = fc
  .tuple(
    fc.record(
      {
        message: fieldValue(hostileString),
        level: fieldValue(levels),
        id: fieldValue(fc.oneof(fc.string({ maxLength: 140 }), fc.integer())),
        timestamp: fieldValue(timestamps),
        logger: fieldValue(hostileString),
        url: fieldValue(hostileString),
        stack: fieldValue(hostileString),
        release: fieldValue(hostileString),
        environment: fieldValue(hostileString),
        session_id: fieldValue(hostileString),
        user_id: fieldValue(hostileString),
        trace_id: fieldValue(hostileString),
        attributes: anyValue,
      },
      { requiredKeys: ["message"] },
    ),
    fc.array(fc.tuple(hostileKey, anyValue), { maxLength: 4 }),
  )
  .map(([known, extra]) => Object.fromEntries([...extra, ...Object.entries(known)]));
