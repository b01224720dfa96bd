import { expect, test } from "./fixtures";

// The script tag in real Chromium against `next start`: a page on another origin embeds
// <script src="<deployment>/logwell.js" data-key=...>; what it captures is read back through
// the read API.

test("uncaught errors and rejections (Error or not) arrive with stacks and breadcrumbs", async ({
  app,
  openApp,
  waitForEvents,
}) => {
  const page = await openApp();
  const run = `${Date.now()}`;
  await page.click("#buy");
  await page.evaluate((run) => {
    function checkout() {
      throw new TypeError(`boom ${run}`);
    }
    setTimeout(checkout, 0);
    Promise.reject(new RangeError(`rejected ${run}`));
    Promise.reject({ code: 42, run });
  }, run);
  const events = await waitForEvents((e) => e.message.includes(run), 3);
  const thrown = events.find((e) => e.logger === "window.onerror");
  expect(thrown).toMatchObject({ level: "error", release: "9.9.9" });
  expect(thrown?.message).toContain(`TypeError: boom ${run}`);
  expect(thrown?.stack).toContain("checkout");
  expect(thrown?.url).toBe(`${app.origin}/app?visit=1`);
  expect(thrown?.attributes).toMatchObject({
    line: expect.any(Number),
    column: expect.any(Number),
  });
  const crumbs = thrown?.attributes?.breadcrumbs as Array<{ category: string; message: string }>;
  expect(crumbs).toContainEqual(
    expect.objectContaining({ category: "click", message: expect.stringContaining("Buy now") }),
  );

  const rejections = events.filter((e) => e.logger === "unhandledrejection");
  expect(rejections.map((e) => e.message).sort()).toEqual(
    [`RangeError: rejected ${run}`, `{"code":42,"run":"${run}"}`].sort(),
  );
  expect(rejections.find((e) => e.message.startsWith("RangeError"))?.stack).toContain(
    `rejected ${run}`,
  );
  expect(new Set(events.map((e) => e.session_id)).size).toBe(1);
});

test("console.error arrives only when enabled", async ({ openApp, waitForEvents, appContext }) => {
  const run = `${Date.now()}`;
  const logLines = (page: import("@playwright/test").Page, label: string) =>
    page.evaluate(
      async ({ run, label }) => {
        console.error(`console error ${label} ${run}`);
        console.log(`console log ${label} ${run}`);
        window.Logwell?.log.info(`marker ${label} ${run}`);
        await window.Logwell?.flush();
      },
      { run, label },
    );
  const enabled = await openApp({ attributes: 'data-console="error"' });
  await logLines(enabled, "enabled");
  await enabled.close();
  const disabled = await openApp();
  await logLines(disabled, "disabled");

  // Markers are queued after the console lines: once both arrived, so did any console event.
  await waitForEvents((e) => e.message.startsWith("marker") && e.message.endsWith(run), 2);
  const consoleEvents = await waitForEvents((e) => e.logger === "console", 1);
  expect(consoleEvents.map((e) => [e.level, e.message])).toEqual([
    ["error", `console error enabled ${run}`],
  ]);
  await appContext.close();
});

test("failed requests are captured without their query, with status and duration", async ({
  openApp,
  waitForEvents,
}) => {
  // The app server answers 503 on every path but its pages.
  const page = await openApp({ attributes: "data-network" });
  await page.evaluate(async () => {
    await fetch("/api/cart?token=secret123&id=7", { method: "POST" });
    await fetch("/api/ok-but-aborted", { signal: AbortSignal.abort() }).catch(() => {});
    await new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open("GET", "/api/stock?sku=1");
      xhr.onloadend = resolve;
      xhr.send();
    });
  });
  const events = await waitForEvents((e) => e.logger === "network", 2);
  expect(events.map((e) => e.message).sort()).toEqual(["GET /api/stock 503", "POST /api/cart 503"]);
  const cart = events.find((e) => e.message.startsWith("POST"));
  expect(cart?.attributes).toMatchObject({
    method: "POST",
    url: "/api/cart",
    status: 503,
    duration_ms: expect.any(Number),
  });
  expect(JSON.stringify(events)).not.toContain("secret123");
});

test("CSP violations arrive when enabled", async ({ app, openApp, waitForEvents }) => {
  const page = await openApp({
    attributes: "data-csp",
    headers: { "Content-Security-Policy": "img-src 'none'" },
  });
  await page.evaluate(() => {
    const image = document.createElement("img");
    image.src = "/pixel.png?token=abc";
    document.body.append(image);
  });
  const [event] = await waitForEvents((e) => e.logger === "csp", 1);
  expect(event?.level).toBe("warn");
  expect(event?.message).toBe(`CSP img-src blocked ${app.origin}/pixel.png?token=[redacted]`);
});

test("beforeSend edits and drops; sampleRate keeps its share", async ({
  openApp,
  waitForEvents,
  storedEvents,
}) => {
  const run = `${Date.now()}`;
  const page = await openApp({
    // Math.random answers from a fixed list, so sampling is exact: 0.5 keeps values below 0.5.
    before: "const r = [0.1, 0.9, 0.3, 0.7, 0.2, 0.6]; Math.random = () => r.shift() ?? 0;",
    config: `{
      sampleRate: 0.5,
      beforeSend(event) {
        if (event.message.includes("private")) return null;
        event.attributes.edited = true;
        return event;
      },
    }`,
  });
  await page.evaluate(async (run) => {
    for (let i = 0; i < 6; i++) window.Logwell?.log.info(`sampled ${i} ${run}`);
    window.Logwell?.log.warn(`private ${run}`);
    window.Logwell?.log.warn(`public ${run}`);
    await window.Logwell?.flush();
  }, run);
  await waitForEvents((e) => e.message === `public ${run}`, 1);
  const mine = (await storedEvents()).filter((e) => e.message.endsWith(run));
  expect(mine.map((e) => e.message).sort()).toEqual(
    [`public ${run}`, `sampled 0 ${run}`, `sampled 2 ${run}`, `sampled 4 ${run}`].sort(),
  );
  for (const event of mine) expect(event.attributes).toMatchObject({ edited: true });
});

test("the ES module served by the deployment works from another origin", async ({
  app,
  appContext,
  deployment,
  project,
  waitForEvents,
}) => {
  const run = `${Date.now()}`;
  app.pages.set(
    "/esm",
    `<!doctype html><script type="module">
        import { init, log, flush, setUser } from "${deployment}/logwell.mjs";
        init({ key: "${project.key}", release: "esm-1" });
        setUser({ id: "u-7" });
        log.warn("from the module ${run}", { via: "esm" });
        await flush();
        document.title = "sent";
      </script>`,
  );
  const page = await appContext.newPage();
  await page.goto(`${app.origin}/esm`);
  const [event] = await waitForEvents((e) => e.message === `from the module ${run}`, 1);
  expect(event).toMatchObject({ level: "warn", release: "esm-1", attributes: { via: "esm" } });
  await expect(page).toHaveTitle("sent");
});
