import { expect, type Page, test } from "@playwright/test";
import { ownerSession } from "../auth/owner-session";

test.describe.configure({ mode: "serial" });

test.describe("projects and ingest keys", () => {
  let page: Page;

  const cspViolations: string[] = [];

  test.beforeAll(async ({ browser, baseURL }) => {
    page = await browser.newPage({ baseURL, storageState: await ownerSession(browser, baseURL) });
    // The nonce CSP must not block our own scripts (hydration would silently stop).
    page.on("console", (msg) => {
      if (/Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
    });
  });
  test.afterAll(async () => {
    await page?.close();
  });

  test("create a project: its first key is shown with a snippet, and stays on the settings page", async () => {
    const name = `Shop ${Date.now()}`;
    await page.goto("/projects");
    await page.getByLabel("Project name").fill(name);
    await page.getByRole("button", { name: "Create project" }).click();
    const key = page.getByTestId("new-ingest-key");
    await expect(key).toHaveText(/^lw_pub_[0-9A-Za-z]{22,}$/);
    const fullKey = (await key.textContent()) ?? "";
    await expect(page.getByText(`data-key="${fullKey}"`)).toBeVisible();
    // Beside it, the Sentry DSN for that key: <scheme>://<key>@<host>/<project number>.
    const dsn = (await page.getByTestId("sentry-dsn").textContent()) ?? "";
    expect(dsn).toMatch(new RegExp(`^http://${fullKey}@[^/]+/[1-9][0-9]*$`));

    // The key works for ingest right away.
    const res = await page.request.post("/api/v1/logs", {
      data: { message: "hello from e2e", id: `e2e-${Date.now()}` },
      headers: { "x-logwell-key": fullKey },
    });
    expect(res.status()).toBe(202);

    // The key is public: the settings page shows it in full, and its Copy buttons copy the
    // whole key and a snippet that works.
    await page.getByRole("link", { name: "Open its settings" }).click();
    await expect(page.getByRole("heading", { name: "Ingest keys" })).toBeVisible();
    const row = page.getByTestId("ingest-key-row");
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId("ingest-key")).toHaveText(fullKey);
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await row.getByRole("button", { name: "Copy key" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(fullKey);
    await expect(row.getByTestId("sentry-dsn")).toHaveText(dsn);
    await row.getByRole("button", { name: "Copy DSN" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(dsn);
    await row.getByText("Snippets").click();
    await row.getByRole("button", { name: "Copy" }).first().click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(
      `data-key="${fullKey}"`,
    );
  });

  test("create a second key, then revoke it", async () => {
    await page.getByLabel("Key name").fill("mobile");
    await page.getByRole("button", { name: "Create ingest key" }).click();
    const second = (await page.getByTestId("new-ingest-key").textContent()) ?? "";
    expect(second).toMatch(/^lw_pub_/);
    await expect(page.getByTestId("ingest-key-row")).toHaveCount(2);

    const row = page.getByTestId("ingest-key-row").filter({ hasText: "mobile" });
    // Revoking asks first and says what will happen; Cancel backs out.
    await row.getByRole("button", { name: "Revoke" }).click();
    await expect(row.getByRole("alertdialog")).toContainText("refused (401) from now on");
    await row.getByRole("button", { name: "Cancel" }).click();
    await expect(row).not.toContainText("revoked");
    await row.getByRole("button", { name: "Revoke" }).click();
    await row.getByRole("button", { name: "Yes, revoke" }).click();
    await expect(row).toContainText("revoked");
    const res = await page.request.post("/api/v1/logs", {
      data: { message: "after revoke" },
      headers: { "x-logwell-key": second },
    });
    expect(res.status()).toBe(401);
  });

  test("change retention and see the prune preview; bad origins are refused", async () => {
    await page.getByLabel("Retention (days)").fill("7");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Saved.")).toBeVisible();
    await expect(page.getByTestId("prune-preview")).toContainText("Next prune removes 0 events");
    await page.getByLabel("Allowed origins").fill("https://ok.example\njavascript:alert(1)");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText(/Allowed origins, line 2: enter an origin/)).toBeVisible();
  });

  test("deleting a project says how many events go, then it is gone", async () => {
    const settingsUrl = page.url();
    const projectId = /\/projects\/([^/]+)\/settings/.exec(settingsUrl)?.[1] ?? "";
    await expect(page.getByTestId("delete-consequence")).toContainText(/1 event\b/);
    const name = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
    await page.getByLabel(/to confirm/).fill(name.trim());
    await page.getByRole("button", { name: "Delete project" }).click();
    await page.waitForURL(/\/projects$/);
    await expect(page.getByRole("link", { name: name.trim() })).toHaveCount(0);
    const gone = await page.request.get(`/api/v1/projects/${projectId}`);
    expect(gone.status()).toBe(404);
  });

  test("works at phone width", async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto("/projects");
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Create project" })).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(1);
  });

  test("no Content Security Policy violations on the pages visited", async () => {
    expect(cspViolations).toEqual([]);
  });
});
