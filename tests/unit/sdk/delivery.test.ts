// The SDK's send queue in node with fake timers and a scripted fake server (fake-browser.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Item } from "@/sdk/src/batch";
import { fakeBrowser } from "./fake-browser";

const ENDPOINT = "https://logs.example/api/v1/logs?key=lw_pub_test";
const STORE_KEY = "logwell:test";

const item = (id: string, bytes = 50): Item => [
  id,
  JSON.stringify({ id, level: "info", message: "x".repeat(bytes) }),
];
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

let browser: ReturnType<typeof fakeBrowser>;

/** A fresh queue (module state) per test, as on a fresh page. */
async function loadDelivery() {
  vi.resetModules();
  const delivery = await import("@/sdk/src/delivery");
  const store = await import("@/sdk/src/store");
  delivery.startDelivery(ENDPOINT, localStorage, STORE_KEY);
  return { ...delivery, ...store };
}

const storedIds = () =>
  (JSON.parse(browser.storage.getItem(STORE_KEY) ?? "[]") as Item[]).map((i) => i[0]);

beforeEach(() => {
  vi.useFakeTimers();
  browser = fakeBrowser();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("SDK delivery: batching", () => {
  it("waits up to one second to batch, then sends one text/plain request with the key in the query", async () => {
    const d = await loadDelivery();
    for (const id of ids("e", 3)) d.enqueue(item(id));
    await vi.advanceTimersByTimeAsync(999);
    expect(browser.requests).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(browser.requests).toHaveLength(1);
    expect(browser.requests[0]?.url).toBe(ENDPOINT);
    expect(browser.requests[0]?.events.map((e) => e.id)).toEqual(["e0", "e1", "e2"]);
  });

  it("sends at once when 50 events wait, 50 per request at most", async () => {
    const d = await loadDelivery();
    for (const id of ids("e", 120)) d.enqueue(item(id));
    await d.flushQueue();
    expect(browser.requests.map((r) => r.events.length)).toEqual([50, 50, 20]);
    expect(browser.sentIds()).toEqual(ids("e", 120));
  });

  it("keeps every request within 60 kB", async () => {
    const d = await loadDelivery();
    for (const id of ids("e", 5)) d.enqueue(item(id, 25_000));
    await d.flushQueue();
    expect(browser.requests.map((r) => r.events.length)).toEqual([2, 2, 1]);
    for (const request of browser.requests) {
      expect(new Blob([JSON.stringify(request.events)]).size).toBeLessThanOrEqual(60_000);
    }
  });
});

describe("SDK delivery: retries", () => {
  it("retries network errors with growing backoff and keeps the events stored meanwhile", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.999);
    const d = await loadDelivery();
    browser.answer("network", "network");
    d.enqueue(item("a"));
    d.enqueue(item("b"));
    await d.flushQueue();
    expect(browser.requests).toHaveLength(1);
    expect(storedIds()).toEqual(["a", "b"]);
    await vi.advanceTimersByTimeAsync(990); // first backoff: 500..1000 ms
    expect(browser.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10);
    expect(browser.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1990); // second: 1000..2000 ms
    expect(browser.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(10);
    expect(browser.requests).toHaveLength(3);
    expect(browser.requests[2]?.events.map((e) => e.id)).toEqual(["a", "b"]);
    expect(storedIds()).toEqual([]);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(browser.requests).toHaveLength(3);
  });

  it("waits Retry-After on 429, then sends the same events: nothing lost (TC-20)", async () => {
    const d = await loadDelivery();
    browser.answer({ status: 429, retryAfter: "2" });
    for (const id of ids("e", 3)) d.enqueue(item(id));
    await d.flushQueue();
    d.enqueue(item("late")); // arrives during the wait: must not trigger an early send
    await vi.advanceTimersByTimeAsync(1999);
    expect(browser.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(501);
    expect(browser.requests).toHaveLength(2);
    expect(browser.requests[1]?.events.map((e) => e.id)).toEqual([...ids("e", 3), "late"]);
  });

  it("never retries other 4xx, nor a 202 that rejected some events", async () => {
    const d = await loadDelivery();
    const statuses = [400, 401, 403, 404, 413, 415, 202];
    browser.answer(...statuses.map((status) => ({ status })));
    for (const [i] of statuses.entries()) {
      d.enqueue(item(`e${i}`));
      await d.flushQueue();
    }
    await vi.advanceTimersByTimeAsync(600_000);
    expect(browser.requests).toHaveLength(statuses.length);
    expect(storedIds()).toEqual([]);
  });

  it("retries 503 for as long as it lasts, other 5xx five times", async () => {
    const d = await loadDelivery();
    browser.answer(...Array.from({ length: 12 }, () => ({ status: 503, retryAfter: "1" })));
    d.enqueue(item("a"));
    await d.flushQueue();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(browser.requests).toHaveLength(13);
    expect(browser.requests[12]?.events.map((e) => e.id)).toEqual(["a"]);

    browser.answer(...Array.from({ length: 10 }, () => ({ status: 500 })));
    d.enqueue(item("b"));
    await vi.advanceTimersByTimeAsync(3_600_000);
    const forB = browser.requests.filter((r) => r.events.some((e) => e.id === "b"));
    expect(forB).toHaveLength(6); // the first try and five retries
    expect(storedIds()).toEqual([]);
  });
});

describe("SDK delivery: offline, page hide and next load", () => {
  it("holds events while offline and sends each exactly once back online", async () => {
    const d = await loadDelivery();
    browser.navigator.onLine = false;
    for (const id of ids("e", 20)) d.enqueue(item(id));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(browser.requests).toHaveLength(0);
    expect(storedIds()).toEqual(ids("e", 20));
    browser.navigator.onLine = true;
    d.resumeDelivery(); // the `online` event
    await d.flushQueue();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(browser.sentIds()).toEqual(ids("e", 20));
    expect(storedIds()).toEqual([]);
  });

  it("leaves by beacon on page hide, within the 64 KiB keepalive budget, and stays stored", async () => {
    const d = await loadDelivery();
    for (const id of ids("e", 30)) d.enqueue(item(id, 5_000));
    d.hideDelivery();
    const beaconed = browser.beacons.flatMap((b) => b.events.map((e) => e.id));
    const beaconBytes = browser.beacons.reduce((sum, b) => sum + b.bytes, 0);
    expect(beaconBytes).toBeLessThanOrEqual(60_000);
    expect(beaconed).toEqual(ids("e", 11));
    for (const beacon of browser.beacons) expect(beacon.url).toBe(ENDPOINT);
    // Stored until a later page has them acknowledged: a beacon's answer is unreadable.
    expect(storedIds()).toEqual(ids("e", 30));
    await d.flushQueue(); // the page lived on: the rest goes by fetch
    expect(browser.sentIds()).toEqual(ids("e", 30).slice(11));
  });

  it("keeps events queued and stored when the browser refuses the beacon", async () => {
    const d = await loadDelivery();
    browser.state.beaconAccepts = false;
    d.enqueue(item("a"));
    d.hideDelivery();
    expect(browser.beacons).toHaveLength(0);
    expect(storedIds()).toEqual(["a"]);
    await d.flushQueue();
    expect(browser.sentIds()).toEqual(["a"]);
  });

  it("sends what an earlier page stored, once, alongside its own queue", async () => {
    const previous = await loadDelivery();
    browser.navigator.onLine = false;
    previous.enqueue(item("old1"));
    previous.enqueue(item("old2"));
    previous.hideDelivery(); // offline: no beacon, stored only
    expect(browser.beacons).toHaveLength(0);
    browser.navigator.onLine = true;

    const next = await loadDelivery(); // the next page load
    next.enqueue(item("new"));
    next.resumeDelivery();
    next.resumeDelivery(); // a second `online` event adopts nothing twice
    await next.flushQueue();
    expect(browser.sentIds().sort()).toEqual(["new", "old1", "old2"]);
    expect(storedIds()).toEqual([]);
  });

  it("bounds memory to the newest 1000 events, and reports the dropped ones once acknowledged", async () => {
    const d = await loadDelivery();
    browser.navigator.onLine = false;
    for (const id of ids("e", 1100)) d.enqueue(item(id));
    browser.navigator.onLine = true;
    browser.storage.clear();
    // The first attempt fails: its report is sent again with the retry, then never again.
    browser.answer({ status: 503 });
    d.resumeDelivery();
    await d.flushQueue();
    await vi.advanceTimersByTimeAsync(1000);
    await d.flushQueue();
    expect(browser.sentIds().slice(50)).toEqual(ids("e", 1100).slice(100));
    expect(browser.requests.map((r) => r.dropped?.queue_overflow ?? 0).slice(0, 3)).toEqual([
      100, 100, 0,
    ]);
    expect(browser.requests.slice(2).every((r) => r.dropped === undefined)).toBe(true);
  });
});
