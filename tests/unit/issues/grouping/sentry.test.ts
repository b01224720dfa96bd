import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import * as Sentry from "@sentry/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeEnvelope } from "@/lib/ingest/decode/sentry/decode";
import { normalizeEvent } from "@/lib/ingest/normalize/normalize";
import { type GroupingInput, groupEvent } from "@/lib/issues/grouping";
import { builds, type ErrorName, errors, nativeEvent, sentryBrowserEnvelope } from "./corpus";

// Sentry SDK frames as the Sentry mapping stores them: the real @sentry/node captures the
// corpus's errors, its envelope goes through decodeEnvelope and native normalisation, and the
// stored event must group as the native SDK's event of the same error does.

const envelopes: string[] = [];

beforeAll(() => {
  Sentry.init({
    dsn: "https://public@logwell.example/1",
    defaultIntegrations: false,
    transport: () => ({
      // An envelope as the SDK puts it on the wire: header line, then item header and payload.
      send: async ([headers, items]) => {
        const lines = [JSON.stringify(headers)];
        for (const [itemHeaders, payload] of items)
          lines.push(JSON.stringify(itemHeaders), JSON.stringify(payload));
        envelopes.push(lines.join("\n"));
        return {};
      },
      flush: async () => true,
    }),
  });
});
afterAll(() => Sentry.close());

const shopDir = path.resolve(__dirname, "../../../fixtures/stacks/capture");

/** An envelope as the Sentry endpoint stores it: decoded, mapped, normalised. */
function stored(envelope: string): GroupingInput {
  const bytes = new TextEncoder().encode(envelope);
  const decoded = decodeEnvelope(bytes, { receivedAt: new Date(), maxEvents: 10 });
  const result = normalizeEvent(decoded.events[0], new Date());
  if (!result.ok) throw new Error(result.message);
  return result.event;
}

/** The shop's error, thrown in Node, as the native SDK and as Sentry store it. */
async function bothWays(error: ErrorName): Promise<[GroupingInput, GroupingInput]> {
  const context = vm.createContext({});
  const bundles: Array<[string, string]> = [
    ["vendor.js", "vendor-12e688.js"],
    ["shop.js", "page-c2f840.js"],
  ];
  for (const [name, file] of bundles) {
    const code = readFileSync(path.join(shopDir, name), "utf8");
    vm.runInContext(code, context, { filename: `/srv/shop/dist/${file}` });
  }
  const trigger = {
    checkoutTotal: "onCheckoutClick()",
    placeOrder: "placeOrder(8812)",
    renderPrices: "renderPricesClick()",
  }[error];
  let thrown: unknown;
  try {
    vm.runInContext(`shop.${trigger}`, context);
  } catch (e) {
    thrown = e;
  }
  const native = normalizeEvent(
    { level: "error", message: String(thrown), stack: (thrown as Error).stack },
    new Date(),
  );
  envelopes.length = 0;
  Sentry.captureException(thrown);
  await Sentry.flush();
  if (!native.ok) throw new Error(native.message);
  return [native.event, stored(envelopes[0] ?? "")];
}

describe("Sentry SDK frames", () => {
  for (const error of errors) {
    it(`${error}: the Sentry event and the native event are one issue`, async () => {
      const [native, sentry] = await bothWays(error);
      expect(sentry.attributes?.exception).toBeDefined();
      const a = groupEvent(native);
      const b = groupEvent(sentry);
      expect(b?.basis).toBe("frames");
      expect(b?.key).toBe(a?.key);
      expect(b?.title).toBe(a?.title);
      expect(b?.culprit).toBe(a?.culprit);
    });
  }
});

describe("@sentry/browser frames (captured in Chromium, tests/fixtures/stacks/)", () => {
  for (const build of builds) {
    it(`${build}: each error is the issue the native SDK's Chrome event is in`, () => {
      for (const error of errors) {
        const sentry = groupEvent(stored(sentryBrowserEnvelope(build, error)));
        const native = groupEvent(nativeEvent("chrome", build, error));
        expect(sentry?.basis).toBe("frames");
        expect(sentry?.key).toBe(native?.key);
        expect(sentry?.culprit).toBe(native?.culprit);
      }
    });
  }
});
