// The SDK's event pipeline (ignore, collapse, cap, sample, beforeSend, scrub, user/context) in
// node: browser hooks are absent here and covered by tests/e2e/sdk in Chromium.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Options } from "@/sdk/src/types";
import { fakeBrowser } from "./fake-browser";

const ENDPOINT = "https://logs.example/api/v1/logs";
let browser: ReturnType<typeof fakeBrowser>;

/** A fresh client (module state) per test, as on a fresh page. */
async function loadClient(options: Partial<Options> = {}) {
  vi.resetModules();
  const client = await import("@/sdk/src/client");
  client.init({ key: "lw_pub_test0123456789abcdefgh", endpoint: ENDPOINT, ...options });
  return client;
}

const sent = () => browser.requests.flatMap((r) => r.events);

beforeEach(() => {
  vi.useFakeTimers();
  browser = fakeBrowser();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("SDK events", () => {
  it("carry a unique id, the session, release, environment, level and time", async () => {
    const { log, flush } = await loadClient({ release: "1.4.2", environment: "staging" });
    for (let i = 0; i < 40; i++) log.info(`line ${i}`, { n: i });
    log.fatal("boom");
    await flush();
    const events = sent();
    expect(events).toHaveLength(41);
    expect(new Set(events.map((e) => e.id)).size).toBe(41);
    expect(new Set(events.map((e) => e.session_id)).size).toBe(1);
    expect(events[0]).toMatchObject({
      level: "info",
      message: "line 0",
      release: "1.4.2",
      environment: "staging",
      attributes: { n: 0 },
    });
    expect(typeof events[0]?.timestamp).toBe("number");
    expect(events[40]).toMatchObject({ level: "fatal", attributes: { breadcrumbs: [] } });
    expect(browser.requests[0]?.url).toBe(`${ENDPOINT}?key=lw_pub_test0123456789abcdefgh`);
  });

  it("carry the user and the named contexts set before them", async () => {
    const { log, flush, setUser, setContext } = await loadClient();
    setUser({ id: "u-42", plan: "pro" });
    setContext("cart", { items: 3 });
    log.warn("with user");
    setUser(null);
    setContext("cart", null);
    log.warn("without");
    await flush();
    const [withUser, without] = sent();
    expect(withUser).toMatchObject({
      user_id: "u-42",
      attributes: { user: { id: "u-42", plan: "pro" }, cart: { items: 3 } },
    });
    expect(without?.user_id).toBeUndefined();
    expect(without?.attributes).toEqual({});
  });

  it("survive circular attributes (sent without them)", async () => {
    const { log, flush } = await loadClient();
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    log.error("circular", loop);
    await flush();
    expect(sent()).toMatchObject([{ message: "circular", attributes: {} }]);
  });

  it("need an endpoint when the module comes from npm", async () => {
    vi.resetModules();
    const { init } = await import("@/sdk/src/index");
    expect(() => init({ key: "lw_pub_test0123456789abcdefgh" })).toThrow(/endpoint/);
  });

  it("ignore any call before init", async () => {
    vi.resetModules();
    const { log, flush } = await import("@/sdk/src/client");
    log.error("too early");
    await flush();
    await vi.advanceTimersByTimeAsync(5000);
    expect(browser.requests).toHaveLength(0);
  });
});

describe("SDK filters", () => {
  it("drop known browser noise and the configured ignoreErrors", async () => {
    const { log, flush } = await loadClient({
      ignoreErrors: ["chrome-extension://", /^Hydration/],
    });
    log.error("ResizeObserver loop completed with undelivered notifications.");
    log.error("Script error.");
    log.error("TypeError at chrome-extension://abc/x.js");
    log.error("Hydration failed because the server HTML differed");
    log.error("a real error");
    await flush();
    expect(sent().map((e) => e.message)).toEqual(["a real error"]);
  });

  it("collapse identical errors in a burst into one event with a count", async () => {
    const { log, flush } = await loadClient();
    for (let i = 0; i < 500; i++) log.error("render loop", { frame: 1 });
    log.info("same info twice");
    log.info("same info twice");
    await flush();
    expect(sent().map((e) => [e.message, (e.attributes as { count?: number }).count])).toEqual([
      ["render loop", 500],
      ["same info twice", undefined],
      ["same info twice", undefined],
    ]);
    log.error("render loop"); // after its burst was sent: a new event
    await flush();
    expect(sent()).toHaveLength(4);
  });

  it("cap the client at 100 events a minute, so a loop cannot flood the project", async () => {
    const { log, flush } = await loadClient();
    for (let i = 0; i < 150; i++) log.info(`event ${i}`);
    await flush();
    expect(sent()).toHaveLength(100);
    await vi.advanceTimersByTimeAsync(60_001);
    log.info("next minute");
    await flush();
    expect(sent()).toHaveLength(101);
  });

  it("sample by sampleRate", async () => {
    const randoms = [0.1, 0.9, 0.3, 0.7, 0.49, 0.5];
    vi.spyOn(Math, "random").mockImplementation(() => randoms.shift() ?? 0);
    const { log, flush } = await loadClient({ sampleRate: 0.5 });
    for (let i = 0; i < 6; i++) log.info(`event ${i}`);
    await flush();
    expect(sent().map((e) => e.message)).toEqual(["event 0", "event 2", "event 4"]);
  });

  it("let beforeSend edit or drop events, and survive a throwing or logging beforeSend", async () => {
    const { log, flush } = await loadClient({
      beforeSend: (event) => {
        if (event.message === "drop me") return null;
        if (event.message === "throw") throw new Error("bad hook");
        if (event.message === "recurse") log.error("from the hook");
        return { ...event, message: event.message.toUpperCase() };
      },
    });
    log.info("keep me");
    log.info("drop me");
    log.info("throw");
    log.info("recurse");
    await flush();
    expect(sent().map((e) => e.message)).toEqual(["KEEP ME", "RECURSE"]);
  });

  it("scrub secret query parameters by default, and not when scrub is false (TC-31)", async () => {
    const first = await loadClient();
    first.log.warn("GET /api?token=abc&page=2", { next: "/login?password=pw" });
    await first.flush();
    expect(sent()[0]).toMatchObject({
      message: "GET /api?token=[redacted]&page=2",
      attributes: { next: "/login?password=[redacted]" },
    });
    const second = await loadClient({ scrub: false });
    second.log.warn("GET /api?token=abc");
    await second.flush();
    expect(sent()[1]?.message).toBe("GET /api?token=abc");
  });
});
