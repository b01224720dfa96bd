import { expect, type Page, test } from "@playwright/test";
import { ownerSession } from "../auth/owner-session";
import { e2eAdmin } from "../fixtures/admin";

// Issue 17 item 4: a form refused by the server keeps what was typed (secrets excepted) and
// says what is wrong beside the field, in words, wired with aria-invalid/aria-describedby.
// React 19 resets a form after its action: these run in real Chromium to see the result.

test.describe("forms keep their input after a server-side error", () => {
  let page: Page;

  test.beforeAll(async ({ browser, baseURL }) => {
    page = await browser.newPage({ baseURL, storageState: await ownerSession(browser, baseURL) });
  });
  test.afterAll(async () => {
    await page?.close();
  });

  test("project settings: one bad origin among good ones, retention changed", async () => {
    await page.goto("/projects");
    await page.getByLabel("Project name").fill(`Forms ${Date.now()}`);
    await page.getByRole("button", { name: "Create project" }).click();
    await page.getByRole("link", { name: "Open its settings" }).click();
    const origins = page.getByLabel("Allowed origins");
    const retention = page.getByLabel("Retention (days)");
    await expect(retention).toHaveValue("30");

    const typed =
      "https://app.example.com\nhttps://shop.example.com/checkout\nhttps://*.example.org";
    await origins.fill(typed);
    await retention.fill("45");
    await page.getByRole("button", { name: "Save settings" }).click();

    // Whatever its wording, the refusal has arrived; then the fields must still hold the input.
    await expect(page.getByText(/allowed origins(\.|, line )\d/i)).toBeVisible();
    await expect(origins).toHaveValue(typed);
    await expect(retention).toHaveValue("45");
    await expect(origins).toHaveAttribute("aria-invalid", "true");
    await expect(origins).toHaveAccessibleDescription(
      /Allowed origins, line 2: enter an origin like https:\/\/app\.example\.com \(no path/,
    );
    await expect(retention).not.toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText(/allowed origins\.\d/)).toHaveCount(0);

    // Nothing was saved; fixing the line saves everything typed.
    await page.reload();
    await expect(retention).toHaveValue("30");
    await expect(origins).toHaveValue("");
    const fixed = "https://app.example.com\nhttps://shop.example.com\nhttps://*.example.org";
    await origins.fill(fixed);
    await retention.fill("45");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Saved.")).toBeVisible();
    await expect(origins).not.toHaveAttribute("aria-invalid", "true");
    await page.reload();
    await expect(origins).toHaveValue(fixed);
    await expect(retention).toHaveValue("45");
  });

  test("invite: an email that exists keeps email and role, and says why beside Email", async () => {
    await page.goto("/settings/users");
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Invite" }) });
    const email = form.locator('input[name="email"]');
    const role = form.locator('select[name="role"]');
    await email.fill(e2eAdmin.email);
    await role.selectOption("admin");
    await page.getByRole("button", { name: "Invite" }).click();

    await expect(page.getByText(/already exists/)).toBeVisible();
    await expect(email).toHaveValue(e2eAdmin.email);
    await expect(role).toHaveValue("admin");
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(email).toHaveAccessibleDescription(/already exists/);
  });
});
