import { expect, test } from "@playwright/test";
import { createProjectViaApi, ingest, ownerState, saveOwnerSession } from "../logs/helpers";

// Issue 14 §4: on the event page, breadcrumbs read as a timeline, and the logs of the same
// session around the event are listed with a link to the explorer filtered to them.

test.beforeAll(async ({ browser, baseURL }) => {
  await saveOwnerSession(browser, baseURL);
});
test.use({ storageState: ownerState, timezoneId: "UTC" });

test("breadcrumbs as a timeline, and the session's logs around the event", async ({ page }) => {
  const { id, key } = await createProjectViaApi(page, `context ${Date.now()}`);
  const session = `s-${Date.now()}`;
  const now = Date.now();
  await ingest(page.request, key, [
    { message: "cart opened", level: "info", session_id: session },
    { message: "another visitor", level: "info", session_id: "someone-else" },
  ]);
  await ingest(page.request, key, [
    {
      message: "TypeError: total is not a function",
      level: "error",
      session_id: session,
      stack: "TypeError: total is not a function\n    at checkout (https://shop.test/app.js:1:2)",
      attributes: {
        breadcrumbs: [
          { time: now - 2500, category: "navigation", message: "https://shop.test/cart" },
          { time: now - 1000, category: "click", message: '<img src=x onerror="alert(1)"> Pay' },
        ],
      },
    },
  ]);
  await ingest(page.request, key, [
    { message: "retry pressed", level: "warn", session_id: session },
  ]);
  const list = await page.request.get(`/api/v1/logs?project=${id}&level=error`);
  const errorId = (await list.json()).logs[0].id as string;

  await page.goto(`/projects/${id}/logs/${errorId}`);
  const crumbs = page.locator("[data-breadcrumbs] [data-breadcrumb]");
  await expect(crumbs).toHaveCount(2);
  await expect(crumbs.nth(0).locator("[data-crumb-category]")).toHaveText("navigation");
  await expect(crumbs.nth(1)).toContainText('<img src=x onerror="alert(1)"> Pay');
  await expect(page.locator("[data-breadcrumbs] img")).toHaveCount(0);

  const session_logs = page.locator("[data-session-logs] [data-session-log]");
  await expect(session_logs).toHaveCount(3);
  await expect(session_logs.nth(0)).toContainText("cart opened");
  await expect(session_logs.nth(1)).toHaveAttribute("aria-current", "true");
  await expect(session_logs.nth(2)).toContainText("retry pressed");
  await expect(page.locator("[data-session-logs]")).not.toContainText("another visitor");

  await page.locator("[data-session-explorer]").click();
  await expect(page).toHaveURL(new RegExp(`session_id=${session}`));
  await expect(page.locator("table[data-log-table] tr[data-log-id]")).toHaveCount(3);
});
