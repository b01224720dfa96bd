import { gzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import { createProjectViaApi, ingest, ownerState, saveOwnerSession } from "./helpers";

// Issue 18 §6: the explorer's client JavaScript stays small. Every script Chromium loads for an
// explorer page is summed, raw and gzipped (Node's zlib, default level); the figures are printed
// for docs/performance.md ("Explorer JavaScript") and the gzipped total held under a budget.

const budgetGzipBytes = 160_000;

test.beforeAll(async ({ browser, baseURL }) => {
  await saveOwnerSession(browser, baseURL);
});
test.use({ storageState: ownerState });

test("the explorer's JavaScript stays within its budget", async ({ page }) => {
  const { id, key } = await createProjectViaApi(page, `js budget ${Date.now()}`);
  await ingest(page.request, key, [{ message: "one" }, { message: "two", level: "error" }]);
  const scripts = new Map<string, Promise<Buffer>>();
  page.on("response", (res) => {
    if (res.request().resourceType() === "script") scripts.set(res.url(), res.body());
  });
  await page.goto(`/projects/${id}/logs`);
  await expect(page.locator("[data-keyboard-nav=ready]")).toBeVisible();
  await page.waitForLoadState("networkidle");
  const bodies = await Promise.all(scripts.values());
  const raw = bodies.reduce((n, b) => n + b.length, 0);
  const gzipped = bodies.reduce((n, b) => n + gzipSync(b).length, 0);
  console.log(`explorer JS: ${bodies.length} files, ${raw} B raw, ${gzipped} B gzipped`);
  expect(bodies.length).toBeGreaterThan(0);
  expect(gzipped).toBeLessThanOrEqual(budgetGzipBytes);
});
