import { expect, type Page, test } from "@playwright/test";
import { countDialogs } from "../dialogs";
import { expectCleanLayout } from "../layout/text-layout";
import { createProjectViaApi, ingest, ownerState, saveOwnerSession, tableIds } from "./helpers";

// Issue 18 §3, the explorer's grid in real Chromium: one line per event (30+ rows to a
// 1440×900 window), chosen columns in the URL and in saved views, a row opened inline with the
// event page's pieces, the keyboard, and a phone-width list where no text overlaps.

test.beforeAll(async ({ browser, baseURL }) => {
  await saveOwnerSession(browser, baseURL);
});
test.use({ storageState: ownerState });

const rows = (page: Page) => page.locator("table[data-log-table] tr[data-log-id]");
const headers = (page: Page) => page.locator("table[data-log-table] thead th").allTextContents();

test("one line per event: 30+ rows fill a 1440×900 window", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const { id, key } = await createProjectViaApi(page, `dense ${Date.now()}`);
  await ingest(
    page.request,
    key,
    Array.from({ length: 50 }, (_, i) => ({
      message: `order ${i} placed by a customer with a message long enough to need cutting ${"x".repeat(200)}`,
      level: ["info", "warn", "error"][i % 3],
      environment: "production",
      release: "web@2.4.0",
    })),
  );
  await page.goto(`/projects/${id}/logs`);
  await expect(rows(page)).toHaveCount(50);
  // Each row is one line, whatever its message's length.
  const heights = await rows(page).evaluateAll((trs) =>
    trs.map((tr) => tr.getBoundingClientRect().height),
  );
  expect(Math.max(...heights)).toBeLessThanOrEqual(28);
  // With the grid scrolled to the top of the window (its header stays), 30+ rows show at once.
  await rows(page)
    .first()
    .evaluate((tr) => tr.closest("table")?.scrollIntoView());
  const visible = await rows(page).evaluateAll(
    (trs) =>
      trs.filter((tr) => {
        const r = tr.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
      }).length,
  );
  expect(visible).toBeGreaterThanOrEqual(30);
  // The grid takes the window's width (beside the facets), not a ~1080 px column.
  const table = await page.locator("table[data-log-table]").boundingBox();
  expect(table?.width).toBeGreaterThan(1100);
});

test("columns: add an attribute and a field, kept by filters and saved views, removed by ×", async ({
  page,
}) => {
  const { id, key } = await createProjectViaApi(page, `columns ${Date.now()}`);
  await ingest(page.request, key, [
    {
      message: "checkout failed",
      level: "error",
      release: "web@2.5.0",
      attributes: { http: { status: 502 }, "<img src=x onerror=alert(1)>": "x" },
    },
    { message: "cart loaded", release: "web@2.4.0", attributes: { http: { status: 200 } } },
  ]);
  const dialogs = countDialogs(page);
  await page.goto(`/projects/${id}/logs`);
  const add = page.getByRole("form", { name: "Columns" });
  await add.getByLabel("Add column").fill("attr.http.status");
  await add.getByRole("button", { name: "Add" }).click();
  await expect(page).toHaveURL(/columns=attr\.http\.status/);
  // Newest first: "cart loaded" came second in the batch. (innerText: the phone's label is hidden.)
  await expect(page.locator('td[data-column="attr.http.status"]')).toHaveText(["200", "502"], {
    useInnerText: true,
  });
  await add.getByLabel("Add column").fill("release");
  await add.getByRole("button", { name: "Add" }).click();
  await expect(page.locator("td[data-column=release]")).toHaveText(["web@2.4.0", "web@2.5.0"], {
    useInnerText: true,
  });
  expect(await headers(page)).toEqual(
    expect.arrayContaining(["attr.http.status×", "release×", "Message"]),
  );

  // Applying a filter keeps the columns; so do the links the page makes.
  const filters = page.getByRole("form", { name: "Filters" });
  await filters.getByLabel("Query").fill("level:error");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(rows(page)).toHaveCount(1);
  await expect(page.locator("td[data-column=release]")).toHaveText(["web@2.5.0"], {
    useInnerText: true,
  });

  // A saved view stores them: its link opens the same grid.
  await page.getByLabel("View name").fill("errors by status");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const view = page.locator("[data-saved-views] a[data-view]", { hasText: "errors by status" });
  await expect(view).toHaveAttribute("href", /columns=attr\.http\.status%2Crelease/);
  await page.goto(`/projects/${id}/logs`);
  await expect(page.locator("td[data-column]")).toHaveCount(0);
  await view.click();
  await expect(page.locator('td[data-column="attr.http.status"]')).toHaveText(["502"], {
    useInnerText: true,
  });

  // × in a column's header removes it and keeps the rest.
  await page.locator('a[data-remove-column="attr.http.status"]').click();
  await expect(page.locator('td[data-column="attr.http.status"]')).toHaveCount(0);
  await expect(page.locator("td[data-column=release]")).toHaveText(["web@2.5.0"], {
    useInnerText: true,
  });
  expect(dialogs()).toBe(0);
});

test("a row opens inline with stack, breadcrumbs and attributes, as text; keys j, e, Esc, Enter", async ({
  page,
}) => {
  const dialogs = countDialogs(page);
  const { id, key } = await createProjectViaApi(page, `inline ${Date.now()}`);
  await ingest(page.request, key, [
    { message: "older one" },
    {
      message: "TypeError: <img src=x onerror=alert(1)>",
      level: "error",
      stack: "TypeError: boom\n    at main (app.js:1:2)",
      session_id: "sess-inline",
      attributes: {
        cart: { items: 3, "<svg onload=alert(1)>": "javascript:alert(1)" },
        breadcrumbs: [
          { time: Date.now() - 2_000, category: "ui.click", message: "button#pay" },
          { time: Date.now() - 1_000, category: "fetch", message: "POST /api/pay → 500" },
        ],
      },
    },
  ]);
  await page.goto(`/projects/${id}/logs`);
  const first = rows(page).first();
  await first.locator("button[data-expand]").click();
  const details = first.locator("[data-row-details=ok]");
  await expect(details).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/projects/${id}/logs$`)); // still the list
  await expect(details.locator("[data-field=stack]")).toContainText("at main (app.js:1:2)");
  await expect(details.locator("[data-breadcrumb]")).toHaveCount(2);
  await expect(details.locator("[data-breadcrumb]").nth(1)).toContainText("POST /api/pay → 500");
  await expect(details.locator("[data-row-attributes]")).toContainText("<svg onload=alert(1)>");
  await expect(details).toContainText("TypeError: <img src=x onerror=alert(1)>");
  await expect(details).toContainText("sess-inline");
  // The rows below stay where they were in the list: the details sit inside the opened row.
  await expect(rows(page)).toHaveCount(2);
  await first.locator("button[data-expand]").click();
  await expect(details).toHaveCount(0);

  // Keyboard: j focuses the first row, e opens it, Esc closes it, Enter opens the event page.
  await expect(page.locator("[data-keyboard-nav=ready]")).toBeVisible();
  await page.keyboard.press("j");
  await expect(first.locator("a[data-row-link]")).toBeFocused();
  await page.keyboard.press("e");
  await expect(details).toBeVisible();
  await expect(first.locator("button[data-expand]")).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Escape");
  await expect(details).toHaveCount(0);
  await page.keyboard.press("j");
  await expect(rows(page).nth(1).locator("a[data-row-link]")).toBeFocused();
  await page.keyboard.press("k");
  await page.keyboard.press("e");
  await details.locator("a[data-open-event]").click();
  await expect(page).toHaveURL(new RegExp(`/projects/${id}/logs/\\d+$`));
  await expect(page.locator("[data-field=message]")).toHaveText(
    "TypeError: <img src=x onerror=alert(1)>",
  );
  await page.goBack();
  await expect(page.locator("[data-keyboard-nav=ready]")).toBeVisible();
  await page.keyboard.press("/");
  await expect(page.getByRole("combobox", { name: "Query" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("combobox", { name: "Query" })).not.toBeFocused();
  expect(dialogs()).toBe(0);
  expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
});

test("with columns and an opened row, no text overlaps or leaves the window from 390 to 1920 px", async ({
  page,
}) => {
  const { id, key } = await createProjectViaApi(page, `grid layout ${Date.now()}`);
  const long = "checkout/step/".repeat(40);
  await ingest(page.request, key, [
    ...Array.from({ length: 8 }, (_, i) => ({
      message: `order ${i} placed with a reasonably long sentence that wraps on a phone`,
      release: `web@2.${i}.0`,
      attributes: { http: { status: 200 + i }, route: `/${long}` },
    })),
    {
      message: "TypeError:Cannotreadproperties".repeat(40),
      level: "error",
      environment: "production-eu-west-".repeat(6),
      release: "2026.12.07-build-".repeat(6),
      stack: `TypeError: boom\n    at fn (https://shop.example/${long}:1:1)`,
      attributes: { http: { status: 500 }, route: `/${long}`, deep: { a: { b: "🙂".repeat(60) } } },
    },
  ]);
  await page.goto(`/projects/${id}/logs?columns=release,attr.http.status,attr.route`);
  await rows(page).first().locator("button[data-expand]").click();
  await expect(rows(page).first().locator("[data-row-details=ok]")).toBeVisible();
  await expectCleanLayout(page, "explorer grid with columns and an opened row");
});

test("older, ‹ Newer and ⇤ Jump to now page through the same rows", async ({ page }) => {
  const { id, key } = await createProjectViaApi(page, `newer ${Date.now()}`);
  await ingest(
    page.request,
    key,
    Array.from({ length: 60 }, (_, i) => ({ message: `event ${i}` })),
  );
  await page.goto(`/projects/${id}/logs`);
  const newest = await tableIds(page);
  await expect(page.locator("a[data-newer]")).toHaveCount(0);
  await page.locator("a[data-load-older]").click();
  await expect(page).toHaveURL(/cursor=/);
  const older = await tableIds(page);
  expect(older).toHaveLength(10);
  await page.locator("a[data-newer]").click();
  await expect(page).toHaveURL(/newer=/);
  expect(await tableIds(page)).toEqual(newest);
  // The newest page again: nothing newer to step to, and "Load older" carries on as before.
  await expect(page.locator("a[data-newer]")).toHaveCount(0);
  await page.locator("a[data-load-older]").click();
  await expect(page).toHaveURL(/cursor=/);
  expect(await tableIds(page)).toEqual(older);
  await page.locator("a[data-jump-now]").click();
  await expect(page).not.toHaveURL(/cursor=|newer=/);
  expect(await tableIds(page)).toEqual(newest);
});
