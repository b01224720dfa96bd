import { expect, test } from "@playwright/test";
import { e2eAdmin } from "../fixtures/admin";

test.describe("signing in and out", () => {
  test("a dashboard page without a session goes to /login and comes back after sign-in", async ({
    page,
  }) => {
    await page.goto("/settings/account");
    await expect(page).toHaveURL(/\/login\?next=%2Fsettings%2Faccount/);
    await expect(page.getByRole("heading", { name: "Sign in to Logwell" })).toBeVisible();
  });

  test("a wrong password shows one uniform error and no session", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(e2eAdmin.email);
    await page.getByLabel("Password").fill("definitely-not-it");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("#login-error")).toHaveText("Wrong email or password.");
    await expect(page).toHaveURL(/\/login/);
    const cookies = await page.context().cookies();
    expect(cookies.some((c) => c.name.includes("session-token"))).toBe(false);
    const api = await page.request.get("/api/v1/projects");
    expect(api.status()).toBe(401);
  });

  test("sign in with the keyboard, land on the page asked for, then sign out", async ({ page }) => {
    await page.goto("/settings/account");
    await expect(page).toHaveURL(/\/login/);
    await page.getByLabel("Email").fill(e2eAdmin.email);
    await page.getByLabel("Password").fill(e2eAdmin.password);
    await page.getByLabel("Password").press("Enter");
    await expect(page).toHaveURL(/\/settings\/account$/);
    await expect(page.getByRole("heading", { name: e2eAdmin.email })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    // The account page lists this browser's session beside a way to end them all.
    await expect(page.getByTestId("session-list")).toContainText("this browser");
    await expect(page.getByRole("button", { name: "Sign out of all devices" })).toBeVisible();

    // The dashboard carries the CSP and framing headers.
    const res = await page.request.get("/projects");
    expect(res.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");

    await page.getByText(e2eAdmin.email, { exact: false }).first().click();
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/projects");
    await expect(page).toHaveURL(/\/login/);
    expect((await page.request.get("/api/v1/projects")).status()).toBe(401);
  });
});
