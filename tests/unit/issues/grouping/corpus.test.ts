import { describe, expect, it } from "vitest";
import { groupEvent } from "@/lib/issues/grouping";
import {
  type Build,
  builds,
  type Engine,
  type ErrorName,
  errors,
  fixture,
  fixtureCount,
  nativeEvent,
} from "./corpus";

// The same three errors of one shop, captured in Chromium, SpiderMonkey (Firefox's engine),
// JavaScriptCore (Safari's) and Node, from two deploys, plain and minified
// (tests/fixtures/stacks/capture/README.md).

const key = (engine: Engine, build: Build, error: ErrorName) =>
  groupEvent(nativeEvent(engine, build, error))?.key;

describe("the stack corpus", () => {
  it("holds every engine × build, and @sentry/browser's envelopes for each build", () => {
    expect(fixtureCount).toBe(20);
    // The redeploy really changed what it should: the bundle's hash and the line numbers.
    expect(fixture("chrome", "deploy-1").files[0]).not.toBe(fixture("chrome", "deploy-2").files[0]);
    const line = (build: Build) =>
      fixture("chrome", build).captured.placeOrder.stack.split("\n")[1];
    expect(line("deploy-1")).not.toBe(line("deploy-2"));
  });

  for (const error of errors) {
    it(`${error}: one issue across a redeploy, in every engine, plain and minified`, () => {
      for (const engine of ["chrome", "firefox", "safari", "node"] as const) {
        expect(key(engine, "deploy-2", error)).toBe(key(engine, "deploy-1", error));
        expect(key(engine, "deploy-2.min", error)).toBe(key(engine, "deploy-1.min", error));
      }
    });
  }

  it("one issue across Chrome, Firefox and Safari, plain and minified", () => {
    for (const build of builds) {
      for (const error of ["placeOrder", "renderPrices"] as const) {
        expect(key("firefox", build, error)).toBe(key("chrome", build, error));
        expect(key("safari", build, error)).toBe(key("chrome", build, error));
      }
      expect(key("firefox", build, "checkoutTotal")).toBe(key("chrome", build, "checkoutTotal"));
    }
  });

  it("Safari's proper tail calls drop a frame, and so split an issue (docs/issues.md → Limits)", () => {
    // Cart.total ends in `return this.items.reduce(...)` inside a class (strict code): JSC
    // replaces its frame, Chrome and Firefox keep it.
    expect(fixture("safari", "deploy-1").captured.checkoutTotal.stack).not.toContain("total");
    expect(key("safari", "deploy-1", "checkoutTotal")).not.toBe(
      key("chrome", "deploy-1", "checkoutTotal"),
    );
  });

  it("different errors are different issues", () => {
    const keys = errors.map((error) => key("chrome", "deploy-1", error));
    expect(new Set(keys).size).toBe(errors.length);
  });

  it("keys on in-app frames only: the vendor chunk's frame and native frames are left out", () => {
    const event = nativeEvent("chrome", "deploy-1", "renderPrices");
    expect(event.stack).toContain("vendorMapValues");
    const withoutVendor = {
      ...event,
      stack: (event.stack ?? "")
        .split("\n")
        .filter((line) => !line.includes("vendor-") && !line.includes("<anonymous>)"))
        .join("\n"),
    };
    expect(groupEvent(withoutVendor)?.key).toBe(groupEvent(event)?.key);
  });

  it("titles and culprits", () => {
    const chrome = groupEvent(nativeEvent("chrome", "deploy-1", "checkoutTotal"));
    expect(chrome).toMatchObject({
      basis: "frames",
      type: "TypeError",
      title: "TypeError: Cannot read properties of undefined (reading 'amount')",
      culprit: "total (page.js)",
      version: 1,
    });
    // Firefox's stack has no header: type and value come from the message.
    expect(groupEvent(nativeEvent("firefox", "deploy-1", "checkoutTotal"))).toMatchObject({
      type: "TypeError",
      title: "TypeError: item.price is undefined",
      culprit: "total (page.js)",
    });
    expect(groupEvent(nativeEvent("safari", "deploy-1.min", "renderPrices"))?.culprit).toBe(
      "u (page.js)",
    );
  });
});
