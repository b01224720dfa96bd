import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { type JsonObject, memberJsonBound, sanitizeJson } from "@/lib/ingest/normalize/json-tree";
import { FieldMarks } from "@/lib/ingest/normalize/marks";
import { parseWireEvent, wireEventSchema } from "@/lib/ingest/normalize/schema";
import { scrubMember } from "@/lib/ingest/normalize/scrub";
import { utf8Length } from "@/lib/ingest/normalize/strings";
import { anyValue, hostileString, hostileValue } from "./arbitraries";

// The shortcuts normalisation takes for speed (docs/performance.md → Ingest) must give exactly
// the answers of the slow paths they skip (TC-01's guarantees rest on them).
const numRuns = Number(process.env.LOGWELL_FUZZ_RUNS) || 1000;

// Mostly strings (the fast path's case), near the id cap, sometimes anything else.
const scalar = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 3, arbitrary: fc.string({ minLength: 120, maxLength: 140 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom("x".repeat(128), "x".repeat(129), "😀".repeat(64), "😀".repeat(65)),
  },
  { weight: 1, arbitrary: fc.constantFrom(" \n", "", null) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean()) },
);
const scalars = fc.record(
  {
    message: scalar,
    id: scalar,
    level: scalar,
    timestamp: scalar,
    logger: scalar,
    url: scalar,
    stack: scalar,
    release: scalar,
    environment: scalar,
    session_id: scalar,
    user_id: scalar,
    trace_id: scalar,
  },
  { requiredKeys: [] },
);

describe("normalisation fast paths", () => {
  test.prop([scalars], { numRuns })("parseWireEvent gives zod's verdict and output", (input) => {
    const fast = parseWireEvent({ ...input });
    const zod = wireEventSchema.safeParse({ ...input });
    expect(fast.success).toBe(zod.success);
    if (fast.success && zod.success) expect(fast.data).toEqual(zod.data);
    else expect(fast.error?.issues).toEqual(zod.error?.issues);
  });

  test.prop([fc.oneof(anyValue, hostileValue)], { numRuns })(
    "the copy's size bound is never below its real JSON size, scrubbed or not",
    (value) => {
      for (const member of [undefined, scrubMember]) {
        const report = { repaired: false, depthCapped: false, jsonBytesBound: 0 };
        const copy = sanitizeJson({ value }, 1, report, 8, member) as JsonObject;
        // The root's braces are the caller's to count.
        expect(report.jsonBytesBound + 2).toBeGreaterThanOrEqual(utf8Length(JSON.stringify(copy)));
      }
    },
  );

  it("counts the worst cases: six-byte escapes and the longest numbers", () => {
    for (const value of [
      "\u0001".repeat(50),
      "\uD800",
      -0.0000012345678901234567,
      -1.7976931348623157e308,
    ]) {
      expect(memberJsonBound("k", value)).toBeGreaterThanOrEqual(
        utf8Length(JSON.stringify({ k: value })) - 1,
      );
    }
  });

  it("field marks are sorted lists, and empty without allocation of a set", () => {
    const marks = new FieldMarks();
    expect(marks.truncatedFields()).toEqual([]);
    marks.normalize("url");
    marks.normalize("attributes");
    marks.normalize("url");
    marks.truncate("message");
    expect(marks.normalizedFields()).toEqual(["attributes", "url"]);
    expect(marks.truncatedFields()).toEqual(["message"]);
  });
});
