import { expect, test } from "@playwright/test";
import { createProjectViaApi, ingest, ownerState, saveOwnerSession, tableIds } from "./helpers";

// The explorer in real Chromium against `next start`: events ingested through the public
// endpoint appear; every filter narrows and survives a reload; paging has no gaps or repeats.

test.beforeAll(async ({ browser, baseURL }) => {
  await saveOwnerSession(browser, baseURL);
});
test.use({ storageState: ownerState });

test("shows ingested events; each filter narrows and survives reload via the URL", async ({
  page,
}) => {
  const { id, key } = await createProjectViaApi(page, `filters ${Date.now()}`);
  await page.goto(`/projects/${id}/logs`);
  await expect(page.locator("[data-empty-state]")).toBeVisible();
  await ingest(page.request, key, [
    {
      message: "checkout failed",
      level: "error",
      environment: "prod",
      release: "1.2",
      session_id: "s-1",
      user_id: "u-1",
    },
    {
      message: "cart loaded",
      level: "info",
      environment: "prod",
      release: "1.1",
      session_id: "s-1",
    },
    {
      message: "debug details",
      level: "debug",
      environment: "staging",
      release: "1.2",
      user_id: "u-2",
    },
    { message: "fatal: out of memory", level: "fatal", environment: "staging", session_id: "s-2" },
  ]);
  await page.reload();
  await expect(page.locator("table[data-log-table] tr[data-log-id]")).toHaveCount(4);
  await expect(page.locator("table[data-log-table] [data-level]").first()).toHaveText("fatal");

  const cases: [string, (f: import("@playwright/test").Locator) => Promise<void>, string[]][] = [
    [
      "level set",
      async (f) => {
        await f.getByLabel("error", { exact: true }).check();
        await f.getByLabel("fatal", { exact: true }).check();
      },
      ["fatal: out of memory", "checkout failed"],
    ],
    [
      "minimum level",
      (f) =>
        f
          .getByLabel("Minimum level")
          .selectOption("info")
          .then(() => {}),
      ["fatal: out of memory", "cart loaded", "checkout failed"],
    ],
    ["text", (f) => f.getByLabel("Query").fill("CART"), ["cart loaded"]],
    [
      "environment",
      (f) => f.getByLabel("Environment").fill("staging"),
      ["fatal: out of memory", "debug details"],
    ],
    ["release", (f) => f.getByLabel("Release").fill("1.2"), ["debug details", "checkout failed"]],
    ["session", (f) => f.getByLabel("Session").fill("s-1"), ["cart loaded", "checkout failed"]],
    ["user", (f) => f.getByLabel("User").fill("u-2"), ["debug details"]],
    [
      "time range",
      (f) =>
        f
          .getByLabel("Time range")
          .selectOption("15m")
          .then(() => {}),
      ["fatal: out of memory", "debug details", "cart loaded", "checkout failed"],
    ],
  ];
  const messages = () => page.locator("table[data-log-table] a[data-row-link]").allInnerTexts();
  for (const [name, apply, expected] of cases) {
    await page.goto(`/projects/${id}/logs`);
    const form = page.getByRole("form", { name: "Filters" });
    await apply(form);
    await form.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/\?/);
    await expect.poll(messages, { message: name }).toEqual(expected);
    const url = page.url();
    await page.reload();
    expect(page.url()).toBe(url);
    // Polled: rows are content-visibility: auto, and a row not yet laid out after the reload
    // has no innerText for a moment.
    await expect.poll(messages, { message: `${name} after reload` }).toEqual(expected);
  }
  await expect(page.locator("[data-volume-total]")).toHaveAttribute("data-volume-total", "4");
});

test("pages through 500 events with no gaps or repeats", async ({ page }) => {
  const { id, key } = await createProjectViaApi(page, `paging ${Date.now()}`);
  await ingest(
    page.request,
    key,
    Array.from({ length: 500 }, (_, i) => ({ message: `event ${i}`, id: `evt-${i}` })),
  );
  await page.goto(`/projects/${id}/logs`);
  const seen: string[] = [];
  for (let i = 0; i < 20; i++) {
    await expect(page.locator("table[data-log-table] tr[data-log-id]").first()).toBeVisible();
    seen.push(...(await tableIds(page)));
    const older = page.locator("a[data-load-older]");
    if ((await older.count()) === 0) break;
    const before = page.url();
    await older.click();
    await page.waitForURL((url) => url.toString() !== before);
  }
  expect(seen).toHaveLength(500);
  expect(new Set(seen).size).toBe(500);
  const numeric = seen.map(BigInt);
  expect(numeric.every((v, i) => i === 0 || (numeric[i - 1] as bigint) > v)).toBe(true);
});

test("keyboard opens the detail page; detail links same session and user", async ({ page }) => {
  const { id, key } = await createProjectViaApi(page, `detail ${Date.now()}`);
  await ingest(page.request, key, [
    { message: "older one", session_id: "sess-9", user_id: "user-9" },
    {
      message: "TypeError: boom",
      level: "error",
      stack: "TypeError: boom\n    at main (app.js:1:2)",
      url: "https://shop.example/cart?x=1",
      session_id: "sess-9",
      user_id: "user-9",
      attributes: { cart: { items: 3, coupon: null } },
    },
  ]);
  await page.goto(`/projects/${id}/logs`);
  await expect(page.locator("[data-keyboard-nav=ready]")).toBeVisible();
  await page.keyboard.press("j");
  await expect(page.locator("a[data-row-link]").first()).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/projects/${id}/logs/\\d+$`));
  await expect(page.locator("[data-field=message]")).toHaveText("TypeError: boom");
  await expect(page.locator("[data-field=stack]")).toContainText("at main (app.js:1:2)");
  await expect(page.getByRole("link", { name: "open ↗" })).toHaveAttribute(
    "href",
    "https://shop.example/cart?x=1",
  );
  await expect(page.getByRole("link", { name: "open ↗" })).toHaveAttribute(
    "rel",
    "noopener noreferrer nofollow",
  );
  await expect(page.getByText("coupon")).toBeVisible();
  await page.getByRole("link", { name: "same session" }).click();
  await expect(page).toHaveURL(/session_id=sess-9/);
  await expect(page.locator("table[data-log-table] tr[data-log-id]")).toHaveCount(2);
});

test("export downloads the current filter and parses", async ({ page }) => {
  const { id, key } = await createProjectViaApi(page, `export ${Date.now()}`);
  await ingest(page.request, key, [
    { message: '=HYPERLINK("http://evil.example")', level: "error" },
    { message: "plain", level: "info" },
  ]);
  await page.goto(`/projects/${id}/logs?level=error`);
  const [csv] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "CSV" }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/^logwell-export-.*\.csv$/);
  const text = await (await csv.createReadStream())
    .toArray()
    .then((c) => Buffer.concat(c).toString("utf8"));
  const lines = text.trim().split("\r\n");
  expect(lines[0]?.startsWith("id,received_at,level,message")).toBe(true);
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
  const [nd] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "NDJSON" }).click(),
  ]);
  const ndText = await (await nd.createReadStream())
    .toArray()
    .then((c) => Buffer.concat(c).toString("utf8"));
  const rows = ndText
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(rows.map((r) => r.level)).toEqual(["error"]);
});

test("live tail shows an event ingested after the page opened, once", async ({ page }) => {
  const { id, key } = await createProjectViaApi(page, `tail ${Date.now()}`);
  await ingest(page.request, key, [{ message: "before the page" }]);
  await page.goto(`/projects/${id}/logs`);
  await page.getByRole("button", { name: "Live tail" }).click();
  await expect(page.locator("[data-tail-status=live]")).toBeVisible();
  await ingest(page.request, key, [{ message: "arrived live", id: "live-1" }]);
  const live = page.locator("table[data-live-table] a[data-row-link]");
  await expect(live).toHaveText(["arrived live"], { timeout: 20_000 });
  // Pause and resume: nothing repeats.
  await page.getByRole("button", { name: "Pause live tail" }).click();
  await ingest(page.request, key, [{ message: "while paused", id: "live-2" }]);
  await page.getByRole("button", { name: "Live tail" }).click();
  await expect(live).toHaveText(["while paused", "arrived live"], { timeout: 20_000 });
});
