import { expect, test } from "@playwright/test";
import { ownerSession } from "../auth/owner-session";
import { e2eAdmin } from "../fixtures/admin";

test("the status page needs a session", async ({ page }) => {
  await page.goto("/status");
  await expect(page).toHaveURL(/\/login/);
});

test("a signed-in user sees version, database, limiter and the last prune", async ({
  browser,
  baseURL,
}) => {
  const page = await browser.newPage({
    baseURL,
    storageState: await ownerSession(browser, baseURL),
  });
  try {
    // A prune through the cron route, so "Last prune" has something to show.
    const cron = await page.request.get("/api/cron/prune", {
      headers: { authorization: `Bearer ${e2eAdmin.cronSecret}` },
    });
    expect(cron.status()).toBe(200);
    await page.goto("/status");
    await expect(page.getByRole("heading", { name: "Status" })).toBeVisible();
    await expect(page.getByText("All systems working.")).toBeVisible();
    const deployment = page.getByRole("region", { name: "Deployment" });
    await expect(deployment.getByText("Version")).toBeVisible();
    await expect(deployment).toContainText(/(Embedded \(PGlite\)|PostgreSQL): ok/);
    await expect(deployment).toContainText(/memory|redis|upstash|degraded/);
    const storage = page.getByRole("region", { name: "Storage and retention" });
    await expect(storage).toContainText("Events today (UTC)");
    await expect(storage).not.toContainText("Last prunenever");
    await expect(storage.getByText(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/).first()).toBeVisible();
  } finally {
    await page.close();
  }
});
