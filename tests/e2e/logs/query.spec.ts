import { expect, test } from "@playwright/test";
import { createProjectViaApi, ingest, ownerState, saveOwnerSession } from "./helpers";

// Issue 18 §1, §2 in Chromium: the query syntax (with an error pointing at its character),
// autocomplete of fields and the project's values, and facets that include and exclude.

test.beforeAll(async ({ browser, baseURL }) => {
  await saveOwnerSession(browser, baseURL);
});
test.use({ storageState: ownerState });

const messages = (page: import("@playwright/test").Page) =>
  page.locator("table[data-log-table] tr[data-log-id] [data-row-link]").allInnerTexts();

test("query syntax, a positioned error, autocomplete and facets", async ({ page }) => {
  const { id, key } = await createProjectViaApi(page, `query ${Date.now()}`);
  await page.addInitScript(() => {
    window.alert = () => {
      (window as unknown as { __xss: boolean }).__xss = true;
    };
  });
  await ingest(page.request, key, [
    { message: "checkout failed", level: "error", release: "web@2.4.0", environment: "prod" },
    { message: "checkout ok", level: "info", release: "web@2.5.0", environment: "staging" },
    {
      message: "slow page",
      level: "warn",
      release: "web@3.0.0",
      environment: "<img src=x onerror=alert(1)>",
      attributes: { http: { status: 502 } },
    },
  ]);
  await page.goto(`/projects/${id}/logs`);
  await expect(page.locator("[data-keyboard-nav=ready]")).toBeVisible();
  const box = page.getByRole("combobox", { name: "Query" });

  // `/` focuses the query bar; the syntax narrows the list and lives in the URL.
  await page.keyboard.press("/");
  await expect(box).toBeFocused();
  await box.fill("release:web@2.* -level:error");
  await box.press("Enter");
  await expect(page).toHaveURL(/q=release%3Aweb%402\.\*\+-level%3Aerror/);
  await expect.poll(() => messages(page)).toEqual(["checkout ok"]);

  // A parse error names the character and marks it; no empty list without a hint.
  await box.fill('level:error "unclosed');
  await box.press("Enter");
  const error = page.locator("[data-query-error]");
  await expect(error).toContainText("Query error at character 13: unterminated quote");
  await expect(error.locator("mark")).toHaveText('"');
  await expect(page.getByText("Fix the query above to see events.")).toBeVisible();

  // Autocomplete: a field name, then the project's values with counts, by keyboard.
  await box.fill("");
  await box.pressSequentially("rel");
  const options = page.getByRole("listbox", { name: "Suggestions" }).getByRole("option");
  await expect(options.first()).toHaveText("release:");
  await box.press("ArrowDown");
  await box.press("Enter");
  await expect(box).toHaveValue("release:");
  await expect(options.filter({ hasText: "web@2.4.0" })).toHaveCount(1);
  await box.pressSequentially("web@3");
  await expect(options).toHaveCount(1);
  await box.press("ArrowDown");
  await box.press("Enter");
  await expect(box).toHaveValue("release:web@3.0.0 ");
  await box.pressSequentially("attr.ht");
  await expect(options.first()).toHaveText(/^attr\.http\s*1$/);
  await box.press("Escape");
  await expect(options).toHaveCount(0);
  await box.fill("release:web@3.0.0 attr.http.status:>=500");
  await box.press("Enter");
  await expect.poll(() => messages(page)).toEqual(["slow page"]);

  // Facets: counts for the query; a value includes itself, "−" excludes it.
  await page.goto(`/projects/${id}/logs`);
  const environment = page.locator('[data-facet="environment"]');
  await expect(environment.locator("li")).toHaveCount(3);
  // The hostile environment is text, not markup.
  await expect(environment).toContainText("<img src=x onerror=alert(1)>");
  await environment.locator('[data-facet-include="prod"]').click();
  await expect(page).toHaveURL(/q=environment%3Aprod/);
  await expect.poll(() => messages(page)).toEqual(["checkout failed"]);
  await expect(page.locator('[data-facet="level"] li')).toHaveText(["error1−"]);
  await page.locator('[data-facet="environment"] [data-facet-exclude="prod"]').click();
  await expect(page).toHaveURL(/q=-environment%3Aprod/);
  await expect
    .poll(async () => (await messages(page)).sort())
    .toEqual(["checkout ok", "slow page"]);
  // A row's chip adds its value to the query.
  await page.locator('tr[data-log-id] [data-chip="release"]', { hasText: "web@2.5.0" }).click();
  await expect(page).toHaveURL(/q=-environment%3Aprod\+release%3Aweb%402\.5\.0/);
  await expect.poll(() => messages(page)).toEqual(["checkout ok"]);
  // Alt-click on a facet value excludes it.
  await page.goto(`/projects/${id}/logs`);
  await page
    .locator('[data-facet="level"] [data-facet-include="error"]')
    .click({ modifiers: ["Alt"] });
  await expect(page).toHaveURL(/q=-level%3Aerror/);
  await expect
    .poll(async () => (await messages(page)).sort())
    .toEqual(["checkout ok", "slow page"]);
  // Saved views: the current view saved under a name, listed as the link that reopens it.
  const warnings = new RegExp(`/projects/${id}/logs\\?q=level%3A%3E%3Dwarn&range=24h$`);
  await page.goto(`/projects/${id}/logs?q=${encodeURIComponent("level:>=warn")}&range=24h`);
  await page.getByLabel("View name").fill("Warnings <b>");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page).toHaveURL(warnings);
  const saved = page.locator("[data-saved-views] a[data-view]");
  await expect(saved).toHaveText("Warnings <b>");
  await page.goto(`/projects/${id}/logs`);
  await saved.click();
  await expect(page).toHaveURL(warnings);
  await expect
    .poll(async () => (await messages(page)).sort())
    .toEqual(["checkout failed", "slow page"]);
  await page.getByRole("button", { name: "Delete view Warnings <b>" }).click();
  await expect(saved).toHaveCount(0);
  expect(
    await page.evaluate(() => (window as unknown as { __xss?: boolean }).__xss),
  ).toBeUndefined();
});
