import { describe, expect, it } from "vitest";
import {
  type FrameMapping,
  frameLocation,
  type GroupingInput,
  groupEvent,
} from "@/lib/issues/grouping";

// Original frames (docs/issues.md → Original frames): a frame a mapping resolves counts as its
// original file and function; the in-app rules read the original path; Sentry frames are found
// by the location the stack text writes.

const deploy = (hash: string, inner: string, outer: string) => ({
  file: `https://shop.example/assets/main-${hash}.js`,
  stack: [
    "CartError: cannot check out 3 items",
    `    at ${inner} (https://shop.example/assets/main-${hash}.js:1:636)`,
    `    at ${outer} (https://shop.example/assets/main-${hash}.js:1:673)`,
  ].join("\n"),
});

const event = (stack: string, attributes: GroupingInput["attributes"] = null): GroupingInput => ({
  level: "error",
  message: "cannot check out 3 items",
  stack,
  url: null,
  attributes,
});

function mappingOf(file: string, names: Array<[number, string, string | null]>): FrameMapping {
  return new Map(
    names.map(([column, source, fn]) => [frameLocation(file, 1, column), { file: source, fn }]),
  );
}

describe("grouping by original frames", () => {
  const one = deploy("3f2a9c", "f", "i");
  const two = deploy("8d01ee", "l", "c");
  const mapOne = mappingOf(one.file, [
    [636, "../src/checkout.ts", "validateCart"],
    [673, "../src/checkout.ts", "checkoutCart"],
  ]);
  const mapTwo = mappingOf(two.file, [
    [636, "../src/checkout.ts", "validateCart"],
    [673, "../src/checkout.ts", "checkoutCart"],
  ]);

  it("two deploys' mangled stacks get one key once mapped, and two without", () => {
    expect(groupEvent(event(one.stack))?.key).not.toBe(groupEvent(event(two.stack))?.key);
    const a = groupEvent(event(one.stack), mapOne);
    const b = groupEvent(event(two.stack), mapTwo);
    expect(a?.key).toBe(b?.key);
    expect(a?.culprit).toBe("validateCart (checkout.ts)");
  });

  it("a frame whose original source is a library's does not count", () => {
    const toLibrary = mappingOf(one.file, [
      [636, "../node_modules/cart-lib/index.js", "assertItems"],
      [673, "../src/checkout.ts", "checkoutCart"],
    ]);
    expect(groupEvent(event(one.stack), toLibrary)?.culprit).toBe("checkoutCart (checkout.ts)");
  });

  it("Sentry frames are found by filename, lineno and colno", () => {
    const exception = [
      {
        type: "CartError",
        value: "cannot check out 3 items",
        stacktrace: {
          frames: [
            { function: "i", filename: one.file, lineno: 1, colno: 673, in_app: true },
            { function: "f", filename: one.file, lineno: 1, colno: 636, in_app: true },
          ],
        },
      },
    ];
    const sentry = groupEvent(event(one.stack, { exception }), mapOne);
    expect(sentry?.key).toBe(groupEvent(event(two.stack), mapTwo)?.key);
  });
});
