import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseQuery, searchedTexts } from "@/lib/logs/query/parse";

const terms = (q: string) => {
  const result = parseQuery(q);
  if (!result.ok) throw new Error(`did not parse: ${result.error.message}`);
  return result.terms;
};
const error = (q: string) => {
  const result = parseQuery(q);
  if (result.ok) throw new Error(`parsed: ${JSON.stringify(result.terms)}`);
  return result.error;
};

describe("parseQuery", () => {
  it("reads plain text as the one phrase it spells, as q always did", () => {
    expect(terms("connection  refused")).toEqual([
      { kind: "text", text: "connection  refused", negated: false, position: 1 },
    ]);
    for (const q of [
      "50%",
      "(.*)+",
      "checkout?step",
      "a\\b",
      "-1",
      "TypeError",
      "https://x.example/a",
    ]) {
      expect(searchedTexts(terms(q))).toEqual([q]);
    }
  });

  it("reads quoted phrases, escapes and exclusions", () => {
    expect(terms('"a b" -"c \\"d\\"" e')).toEqual([
      { kind: "text", text: "a b", negated: false, position: 1 },
      { kind: "text", text: 'c "d"', negated: true, position: 7 },
      { kind: "text", text: "e", negated: false, position: 18 },
    ]);
  });

  it("reads fields, wildcards, levels, issues and has:", () => {
    expect(
      terms("release:web@2.* -environment:prod Level:>=Warn level:error,fatal issue:12 has:stack"),
    ).toEqual([
      {
        kind: "field",
        field: "release",
        value: "web@2.*",
        wildcard: true,
        negated: false,
        position: 1,
      },
      {
        kind: "field",
        field: "environment",
        value: "prod",
        wildcard: false,
        negated: true,
        position: 17,
      },
      { kind: "level", op: ">=", levels: ["warn"], negated: false, position: 35 },
      { kind: "level", op: "=", levels: ["error", "fatal"], negated: false, position: 48 },
      { kind: "issue", value: "12", negated: false, position: 66 },
      { kind: "has", target: "stack", negated: false, position: 75 },
    ]);
    expect(terms('user:"a b*"')[0]).toMatchObject({ value: "a b*", wildcard: false });
  });

  it("reads attribute paths with strings, numbers, booleans and comparisons", () => {
    expect(terms("attr.http.Status:>=500 attr.ok:true attr.n:42 has:attr.cart.id")).toEqual([
      {
        kind: "attr",
        path: ["http", "Status"],
        op: ">=",
        value: "500",
        number: 500,
        wildcard: false,
        negated: false,
        position: 1,
      },
      {
        kind: "attr",
        path: ["ok"],
        op: "=",
        value: "true",
        number: undefined,
        wildcard: false,
        negated: false,
        position: 24,
      },
      {
        kind: "attr",
        path: ["n"],
        op: "=",
        value: "42",
        number: 42,
        wildcard: false,
        negated: false,
        position: 37,
      },
      { kind: "has", target: { attr: ["cart", "id"] }, negated: false, position: 47 },
    ]);
  });

  it("names the 1-based position and the reason of each error", () => {
    expect(error('level:error "unterminated')).toMatchObject({ position: 13 });
    expect(error('level:error "unterminated').message).toContain("unterminated quote at 13");
    expect(error("foo colour:red")).toMatchObject({ position: 5 });
    expect(error("foo colour:red").message).toContain('unknown field "colour" at 5');
    expect(error("a level: b")).toMatchObject({ position: 3 });
    expect(error("a level: b").message).toContain("`level:` at 3 needs a value");
    expect(error("level:loud").message).toContain('unknown level "loud" at 7');
    expect(error("attr.n:>abc").message).toContain("needs a number");
    expect(error("release:>1").message).toContain("not a comparison");
    expect(error("attr..x:1").message).toContain("empty key");
    expect(error("has:nothing").message).toContain("unknown `has:` target");
    // Positions count characters, not UTF-16 units.
    expect(error("😀😀 x:1")).toMatchObject({ position: 4 });
  });

  it("any string parses or gives a positioned error, never throws (property)", () => {
    const alphabet = fc.constantFrom(
      ...'ab :"\\-*.,<>=_1 \t😀'.split(""),
      "level",
      "attr.",
      "has:",
      "release:",
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.array(alphabet, { maxLength: 40 }).map((a) => a.join("")),
        ),
        (q) => {
          const result = parseQuery(q);
          if (result.ok) return Array.isArray(result.terms);
          const length = Array.from(q).length;
          return (
            result.error.position >= 1 &&
            result.error.position <= length + 1 &&
            result.error.message.length > 0
          );
        },
      ),
      { numRuns: 2000, seed: 18 },
    );
  });
});
