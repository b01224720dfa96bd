import { expect, type Page } from "@playwright/test";

/**
 * Signs in through the real login form. Sign-ins are rate limited per email (10 per 15 min)
 * and per IP (30): suites sign in once per file and reuse the page.
 */
export async function signInAs(page: Page, credentials: { email: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(credentials.email);
  await page.getByLabel("Password").fill(credentials.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/projects/);
}
