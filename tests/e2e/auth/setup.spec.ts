import { expect, test } from "@playwright/test";
import { useFreshServer } from "./fresh-server";

// First run on a fresh deployment: no LOGWELL_ADMIN_*, so the server prints a setup token and
// /setup asks for it (AUTH-8, TC-33). A separate server with its own empty database.
test.describe("first-run setup", () => {
  const fresh = useFreshServer();

  test("claims the owner with the printed token, then /setup is gone", async ({ page }) => {
    const token = /lw_setup_[A-Za-z0-9_-]+/.exec(fresh().output())?.[0];
    expect(token, fresh().output()).toBeTruthy();

    await page.goto(`${fresh().url}/login`);
    await expect(page).toHaveURL(`${fresh().url}/setup`);

    await page.getByLabel("Setup token").fill("lw_setup_wrongwrongwrongwrongwrongwrong");
    await page.getByLabel("Your email").fill("first@owner.test");
    await page.getByLabel("Password (at least 10 characters)").fill("first-owner-pass");
    await page.getByRole("button", { name: "Create owner account" }).click();
    await expect(page.getByLabel("Setup token")).toHaveAccessibleDescription(
      /setup token is wrong/,
    );

    await page.getByLabel("Setup token").fill(token ?? "");
    await page.getByLabel("Name (optional)").fill("Fiona First");
    await page.getByLabel("Password (at least 10 characters)").fill("first-owner-pass");
    await page.getByRole("button", { name: "Create owner account" }).click();
    await expect(page).toHaveURL(`${fresh().url}/projects`);
    await expect(page.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();
    // The header shows the name given at setup; its menu, the email.
    const menu = page.locator("header details summary");
    await expect(menu).toContainText("Fiona First");
    await menu.click();
    await expect(page.locator("header details").getByText("first@owner.test")).toBeVisible();

    await page.goto(`${fresh().url}/setup`);
    await expect(page).not.toHaveURL(/\/setup/);
    const anonymous = await fetch(`${fresh().url}/setup`, { redirect: "manual" });
    expect(anonymous.status).toBeGreaterThanOrEqual(300);
    expect(anonymous.headers.get("location")).toContain("/login");
  });
});
