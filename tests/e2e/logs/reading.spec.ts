import { expect, type Page, test } from "@playwright/test";
import { createProjectViaApi, ingest, ownerState, saveOwnerSession, tableIds } from "./helpers";

// Issue 17 item 8, the explorer: counts, the chart's axes and range, times in the viewer's zone
// (server-rendered, with a UTC toggle), "/" to search, clean filter URLs, a way back to the
// newest events, previous/next on the event page, server changes in words, phone filters.

test.beforeAll(async ({ browser, baseURL }) => {
  await saveOwnerSession(browser, baseURL);
});
test.use({ storageState: ownerState, timezoneId: "Asia/Tokyo" });

const rowTimes = (page: Page) => page.locator("table[data-log-table] time").allInnerTexts();
/** What the page must show for `iso` at a fixed offset, computed without the app's code. */
const shifted = (iso: string, hours: number) =>
  new Date(Date.parse(iso) + hours * 3_600_000).toISOString().replace("T", " ").slice(0, 23);

async function newestIso(page: Page, projectId: string): Promise<string> {
  const res = await page.request.get(`/api/v1/logs?project=${projectId}&limit=1`);
  return (await res.json()).logs[0].received_at;
}

test("the server renders times in the viewer's zone; the UTC toggle switches and persists", async ({
  page,
  context,
  baseURL,
}) => {
  const { id, key } = await createProjectViaApi(page, `zone ${Date.now()}`);
  await ingest(page.request, key, [{ message: "one", level: "warn" }]);
  const iso = await newestIso(page, id);
  await context.addCookies([{ name: "lw_tz", value: "Asia/Tokyo", url: baseURL ?? "" }]);

  // No flash: the HTML itself, before any script runs, already holds the Tokyo time.
  const html = await (await page.request.get(`/projects/${id}/logs`)).text();
  expect(html).toContain(shifted(iso, 9));
  expect(html).not.toContain(shifted(iso, 0));

  await page.goto(`/projects/${id}/logs`);
  await expect(page.locator("[data-time-zone]")).toHaveAttribute("data-time-zone", "Asia/Tokyo");
  expect(await rowTimes(page)).toEqual([shifted(iso, 9)]);
  await page.getByRole("button", { name: "Show in UTC" }).click();
  await expect(page.locator("[data-time-zone]")).toHaveAttribute("data-time-zone", "UTC");
  expect(await rowTimes(page)).toEqual([shifted(iso, 0)]);
  await page.reload();
  expect(await rowTimes(page)).toEqual([shifted(iso, 0)]);
  // Keyboard: the toggle is a button in a form.
  await page.getByRole("button", { name: "Show in Asia/Tokyo" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("[data-time-zone]")).toHaveAttribute("data-time-zone", "Asia/Tokyo");
  expect(await rowTimes(page)).toEqual([shifted(iso, 9)]);
});

test("the first page a browser opens reports its zone in a cookie", async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({
    baseURL,
    timezoneId: "America/Sao_Paulo",
    storageState: { cookies: [], origins: [] },
  });
  const page = await context.newPage();
  await page.goto("/login");
  const cookies = await context.cookies();
  expect(cookies.find((c) => c.name === "lw_tz")?.value).toBe(
    encodeURIComponent("America/Sao_Paulo"),
  );
  await context.close();
});

test("one event says '1 event'; the chart has a y-axis, time ticks and its range", async ({
  page,
}) => {
  const { id, key } = await createProjectViaApi(page, `one ${Date.now()}`);
  await ingest(page.request, key, [{ message: "only one" }]);
  await page.goto(`/projects/${id}/logs`);
  const caption = page.locator("figure figcaption");
  await expect(caption).toContainText("1 event ");
  await expect(caption).not.toContainText("1 events");
  await expect(caption.locator("[data-volume-range]")).toContainText(
    /from \d{4}-\d\d-\d\d \d\d:\d\d to .*\((UTC|Asia\/Tokyo)\)/,
  );
  await expect(page.locator("[data-y-tick]")).toHaveText(["0", "1"]);
  await expect(page.locator("[data-x-tick]")).toHaveCount(3);
});

test("'/' focuses the search box, and typing '/' in a field still types it", async ({ page }) => {
  const { id, key } = await createProjectViaApi(page, `slash ${Date.now()}`);
  await ingest(page.request, key, [{ message: "a/b" }]);
  await page.goto(`/projects/${id}/logs`);
  await expect(page.locator("[data-keyboard-nav=ready]")).toBeVisible();
  const search = page.getByRole("combobox", { name: "Query" });
  await expect(search).not.toBeFocused();
  await page.keyboard.press("/");
  await expect(search).toBeFocused();
  await page.keyboard.type("a/b");
  await expect(search).toHaveValue("a/b");
});

test("submitting the filters puts only what is set in the URL", async ({ page }) => {
  const { id, key } = await createProjectViaApi(page, `clean url ${Date.now()}`);
  await ingest(page.request, key, [{ message: "cart", level: "error" }]);
  await page.goto(`/projects/${id}/logs`);
  await expect(page.locator("[data-keyboard-nav=ready]")).toBeVisible();
  const form = page.getByRole("form", { name: "Filters" });
  await form.getByLabel("Query").fill("cart");
  await form.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/\?q=cart$/);
  await form.getByLabel("error", { exact: true }).check();
  await form.getByLabel("Release").fill("");
  await form.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/\?q=cart&level=error$/);
  await expect(page.locator("table[data-log-table] a[data-row-link]")).toHaveText(["cart"]);
});

test("after 'Load older' a link leads back to the newest events", async ({ page }) => {
  const { id, key } = await createProjectViaApi(page, `newest ${Date.now()}`);
  await ingest(
    page.request,
    key,
    Array.from({ length: 60 }, (_, i) => ({ message: `event ${i}` })),
  );
  await page.goto(`/projects/${id}/logs`);
  const newest = (await tableIds(page))[0];
  await expect(page.locator("a[data-newest]")).toHaveCount(0);
  await page.locator("a[data-load-older]").click();
  await expect(page).toHaveURL(/cursor=/);
  expect(await tableIds(page)).not.toContain(newest);
  await page.getByRole("link", { name: "Back to the newest" }).click();
  await expect(page).not.toHaveURL(/cursor=/);
  expect((await tableIds(page))[0]).toBe(newest);
});

test("the event page steps to the newer and older event, and says what the server changed", async ({
  page,
}) => {
  const { id, key } = await createProjectViaApi(page, `steps ${Date.now()}`);
  await ingest(page.request, key, [{ message: "first" }]);
  await ingest(page.request, key, [{ message: "second", level: "verbose" }]);
  await ingest(page.request, key, [{ message: "third" }]);
  await page.goto(`/projects/${id}/logs`);
  await expect(page.locator("[data-truncated]")).toHaveText(["changed by server: level"]);
  await page.getByRole("link", { name: "second" }).click();
  await expect(page.locator("[data-field=changed]")).toContainText(
    "the level was not one of trace, debug, info, warn, error, fatal, so it was stored as info",
  );
  await page.getByRole("link", { name: "‹ Newer" }).click();
  await expect(page.locator("[data-field=message]")).toHaveText("third");
  await expect(page.getByRole("link", { name: "‹ Newer" })).toHaveCount(0);
  // Each step waits for its page: a second click on the old page's link would be lost.
  await page.getByRole("link", { name: "Older ›" }).click();
  await expect(page.locator("[data-field=message]")).toHaveText("second");
  await page.getByRole("link", { name: "Older ›" }).click();
  await expect(page.locator("[data-field=message]")).toHaveText("first");
  await expect(page.getByRole("link", { name: "Older ›" })).toHaveCount(0);
});

test("on a phone the filters fold behind a button; rows are time and level over the message", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const { id, key } = await createProjectViaApi(page, `phone ${Date.now()}`);
  await ingest(page.request, key, [{ message: "x".repeat(300), level: "error" }]);
  await page.goto(`/projects/${id}/logs?level=error`);
  await expect(page.getByRole("combobox", { name: "Query" })).toBeVisible();
  await expect(page.getByLabel("Release")).toBeHidden();
  const toggle = page.getByRole("button", { name: /^Filters \(1\)/ });
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByLabel("Release")).toBeVisible();

  const row = page.locator("table[data-log-table] tr[data-log-id]").first();
  const time = await row.locator("time").boundingBox();
  const level = await row.locator("[data-level]").boundingBox();
  const message = await row.locator("a[data-row-link]").boundingBox();
  if (!time || !level || !message) throw new Error("row parts not laid out");
  expect(Math.abs(time.y - level.y)).toBeLessThan(8); // one line
  expect(message.y).toBeGreaterThanOrEqual(level.y + level.height);
  expect(message.width).toBeGreaterThan(300); // the whole row, not a squeezed column
  expect(message.height).toBeLessThan(50); // two lines at most
});
