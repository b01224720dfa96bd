import { expect, test } from "@playwright/test";
import { ownerSession } from "../auth/owner-session";
import { signInAs } from "../auth/sign-in";
import { e2eAdmin } from "../fixtures/admin";

// A viewer cannot create keys: the UI hides it AND the server refuses (roles live in the DAL).
test("a viewer sees only granted projects and cannot manage them", async ({ browser, baseURL }) => {
  const suffix = Date.now();
  const viewer = { email: `viewer-${suffix}@e2e.test`, password: "viewer-password-1" };

  const owner = await browser.newPage({
    baseURL,
    storageState: await ownerSession(browser, baseURL),
  });
  await owner.goto("/projects");
  const origin = new URL(owner.url()).origin;
  const created = await owner.request.post("/api/v1/projects", {
    data: { name: `Granted ${suffix}` },
    headers: { origin },
  });
  expect(created.status()).toBe(201);
  const granted = (await created.json()).project.id as string;
  const hidden = (
    await (
      await owner.request.post("/api/v1/projects", {
        data: { name: `Hidden ${suffix}` },
        headers: { origin },
      })
    ).json()
  ).project.id as string;

  // The owner adds the viewer and grants one project through the UI.
  await owner.goto("/settings/users");
  await owner.getByLabel("Email").fill(viewer.email);
  await owner.getByLabel("Password (optional)").fill(viewer.password);
  await owner.getByRole("button", { name: "Add user" }).click();
  await expect(owner.getByText(`Added ${viewer.email}.`)).toBeVisible();
  await owner.goto(`/projects/${granted}/settings`);
  const row = owner.getByRole("listitem").filter({ hasText: viewer.email });
  await row.getByRole("button", { name: "Grant access" }).click();
  await expect(row).toContainText("has access");
  // The only owner cannot demote themself; an invite without a password is listed as OAuth.
  await owner.goto("/settings/users");
  const self = owner.getByTestId("user-row").filter({ hasText: e2eAdmin.email });
  await self.getByLabel(`Role of ${e2eAdmin.email}`).selectOption("admin");
  await self.getByRole("button", { name: "Save role" }).click();
  await expect(self.getByText("This is the last owner")).toBeVisible();
  await owner.getByLabel("Email").fill(`invited-${suffix}@e2e.test`);
  await owner.getByLabel("Password (optional)").fill("");
  await owner.getByRole("button", { name: "Add user" }).click();
  await expect(
    owner.getByTestId("user-row").filter({ hasText: `invited-${suffix}@e2e.test` }),
  ).toContainText("OAuth invite");
  await owner.close();

  const page = await browser.newPage({ baseURL });
  await signInAs(page, viewer);
  await expect(page.getByRole("link", { name: `Granted ${suffix}` })).toBeVisible();
  await expect(page.getByText(`Hidden ${suffix}`)).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Create project" })).toHaveCount(0);

  // No settings page for viewers, and the hidden project is a 404 like a missing one.
  await page.goto(`/projects/${granted}/settings`);
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create ingest key" })).toHaveCount(0);
  await page.goto(`/projects/${hidden}/logs`);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();

  // The server refuses too, whatever the UI shows.
  const byApi = await page.request.post(`/api/v1/projects/${granted}/keys`, {
    data: {},
    headers: { origin },
  });
  expect(byApi.status()).toBe(403);
  const foreign = await page.request.post(`/api/v1/projects/${hidden}/keys`, {
    data: {},
    headers: { origin },
  });
  expect(foreign.status()).toBe(404);
  await page.goto("/settings/users");
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await page.close();
});
