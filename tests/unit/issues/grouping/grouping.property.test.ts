import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { type GroupingInput, groupEvent } from "@/lib/issues/grouping";
import { hostileString } from "../../ingest/normalize/arbitraries";
import { builds, engines, errors, nativeEvent } from "./corpus";

// Grouping is a function of what went wrong: the same event gives the same key, and what
// differs between occurrences (line and column numbers, ids, addresses, times) changes nothing.
const numRuns = Number(process.env.LOGWELL_FUZZ_RUNS) || 300;

const corpusEvent = fc
  .tuple(fc.constantFrom(...engines), fc.constantFrom(...builds), fc.constantFrom(...errors))
  .map(([engine, build, error]) => nativeEvent(engine, build, error));

// A stack line's ":line:column" (or ":line") at its end or before ")".
const position = /:\d+(?::\d+)?(?=\)?$)/gm;

const anyEvent = fc.record({
  level: fc.constantFrom("error", "fatal", "warn", "info"),
  message: hostileString,
  stack: fc.option(
    fc.oneof(
      hostileString,
      fc
        .array(fc.oneof(hostileString, fc.constant("    at f (https://a/x.js:1:2)")), {
          maxLength: 40,
        })
        .map((l) => l.join("\n")),
      fc.string({ minLength: 600, maxLength: 3000 }),
    ),
  ),
  url: fc.option(hostileString),
  attributes: fc.option(
    fc.record({
      fingerprint: fc.oneof(
        fc.array(fc.oneof(hostileString, fc.constant("{{ default }}"))),
        hostileString,
      ),
      exception: fc.jsonValue(),
    }),
  ),
}) as fc.Arbitrary<GroupingInput>;

describe("grouping properties", () => {
  test.prop([anyEvent], { numRuns })("is deterministic and total on any event", (event) => {
    const first = groupEvent(event);
    expect(groupEvent(structuredClone(event))).toEqual(first);
    if (first) {
      expect(first.key).toMatch(/^[0-9a-f]{64}$/);
      expect(first.version).toBe(1);
      expect([...first.title].length).toBeLessThanOrEqual(256);
    }
  });

  test.prop([corpusEvent, fc.array(fc.nat({ max: 99_999 }), { minLength: 1, maxLength: 40 })], {
    numRuns,
  })("ignores line and column numbers", (event, numbers) => {
    let i = 0;
    const moved = (event.stack ?? "").replace(position, (found) =>
      found.replace(/\d+/g, () => String(numbers[i++ % numbers.length])),
    );
    expect(moved).not.toBe("");
    expect(groupEvent({ ...event, stack: moved })?.key).toBe(groupEvent(event)?.key);
  });

  // Two values of one kind: each kind has its own mask.
  const kinds = [
    fc.nat().map(String),
    fc.uuid(),
    fc.emailAddress(),
    fc.ipV4(),
    fc.ipV6(),
    fc
      .date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) })
      .map((d) => d.toISOString()),
    fc.webUrl({ withQueryParameters: true }),
    fc.stringMatching(/^[0-9a-f]{40}$/).filter((h) => /\d/.test(h)),
    fc.nat({ max: 5000 }).map((n) => `${n}ms`),
  ];
  const twoOfAKind = fc.oneof(...kinds.map((kind) => fc.tuple(kind, kind)));

  test.prop([fc.constantFrom("order", "TypeError: request", "failed for"), twoOfAKind], {
    numRuns,
  })("masked tokens do not change the key", (text, [a, b]) => {
    const message = (id: string) => `${text} ${id} failed`;
    const event = (id: string): GroupingInput => ({
      level: "error",
      message: message(id),
      stack: null,
      url: null,
      attributes: null,
    });
    expect(groupEvent(event(a))?.key).toBe(groupEvent(event(b))?.key);
  });
});
