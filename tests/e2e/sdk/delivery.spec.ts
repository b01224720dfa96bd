import { expect, test } from "./fixtures";

// Delivery in real Chromium against `next start`: the last moment before the tab closes,
// offline periods, and a rate-limited server. "Exactly once" is checked twice: by the ids in
// the SDK's own requests, and by the rows stored.

const ingestRequests = (url: string) => url.includes("/api/v1/logs");

test("an error logged right before the tab closes still arrives (beacon)", async ({
  openApp,
  appContext,
  waitForEvents,
}) => {
  const page = await openApp();
  const run = `${Date.now()}`;
  const kinds: string[] = [];
  appContext.on("request", (request) => {
    if (ingestRequests(request.url())) kinds.push(request.resourceType());
  });
  // The batch would wait a second; the page is gone long before that.
  await page.evaluate((run) => window.Logwell?.log.error(`last words ${run}`), run);
  await page.close({ runBeforeUnload: true });
  const [event] = await waitForEvents((e) => e.message === `last words ${run}`, 1);
  expect(event).toMatchObject({ level: "error", release: "9.9.9" });
  // The batch's fetch never ran (Playwright does not see a beacon sent by a closing page).
  expect(kinds).not.toContain("fetch");
});

test("offline: 20 events logged while offline arrive exactly once back online", async ({
  openApp,
  appContext,
  waitForEvents,
  storedEvents,
}) => {
  const page = await openApp();
  const sentIds: string[] = [];
  page.on("request", (request) => {
    if (ingestRequests(request.url())) {
      for (const event of JSON.parse(request.postData() ?? "[]")) sentIds.push(event.id);
    }
  });
  const run = `${Date.now()}`;
  await appContext.setOffline(true);
  await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false);
  await page.evaluate(async (run) => {
    for (let i = 0; i < 20; i++) window.Logwell?.log.info(`offline ${i} ${run}`);
    await window.Logwell?.flush();
  }, run);
  const parked = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith("logwell:"))
      .map((k) => localStorage.getItem(k)),
  );
  expect(JSON.parse(parked[0] ?? "[]")).toHaveLength(20);

  await appContext.setOffline(false);
  const events = await waitForEvents((e) => e.message.endsWith(run), 20);
  expect(events).toHaveLength(20);
  expect(new Set(events.map((e) => e.event_id)).size).toBe(20);
  expect(sentIds).toHaveLength(20);
  expect(new Set(sentIds).size).toBe(20);
  // Acknowledged: nothing left for the next page load to resend.
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem(Object.keys(localStorage)[0] ?? "")))
    .toBe("[]");
  expect((await storedEvents()).filter((e) => e.message.endsWith(run))).toHaveLength(20);
});

test("a 429 with Retry-After: 2 is retried after the delay and nothing is lost (TC-20)", async ({
  openApp,
  appContext,
  waitForEvents,
}) => {
  const attempts: Array<{ at: number; ids: string[] }> = [];
  await appContext.route("**/api/v1/logs**", async (route) => {
    const ids = JSON.parse(route.request().postData() ?? "[]").map((e: { id: string }) => e.id);
    attempts.push({ at: Date.now(), ids });
    if (attempts.length === 1) {
      await route.fulfill({
        status: 429,
        headers: {
          "Retry-After": "2",
          "Access-Control-Allow-Origin": "*",
          "Access-Control-Expose-Headers": "Retry-After",
          "Content-Type": "application/json",
        },
        body: '{"error":"rate_limited"}',
      });
    } else {
      await route.fallback();
    }
  });
  const page = await openApp();
  const run = `${Date.now()}`;
  await page.evaluate(async (run) => {
    for (let i = 0; i < 5; i++) window.Logwell?.log.warn(`limited ${i} ${run}`);
    await window.Logwell?.flush();
  }, run);
  const events = await waitForEvents((e) => e.message.endsWith(run), 5);
  expect(events).toHaveLength(5);
  expect(attempts.length).toBeGreaterThanOrEqual(2);
  expect(attempts[1]?.ids).toEqual(attempts[0]?.ids);
  // Honoured: the retry waited at least the two seconds the server asked for.
  expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(2000);
});

test("what an earlier page could not deliver is sent on the next load", async ({
  app,
  openApp,
  appContext,
  waitForEvents,
}) => {
  const run = `${Date.now()}`;
  const first = await openApp();
  await appContext.setOffline(true);
  await first.evaluate(async (run) => {
    window.Logwell?.log.error(`stranded ${run}`);
    await window.Logwell?.flush();
  }, run);
  await first.goto("about:blank"); // leaves while offline: no beacon, kept in localStorage
  await appContext.setOffline(false);
  await first.goto(`${app.origin}/app?visit=2`); // the next visit: a fresh load of the app
  const events = await waitForEvents((e) => e.message === `stranded ${run}`, 1);
  expect(events).toHaveLength(1);
});
