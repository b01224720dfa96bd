import { expect, test } from "@playwright/test";
import { acceptInvite } from "../auth/invite";
import { ownerSession } from "../auth/owner-session";
import { e2eAdmin } from "../fixtures/admin";

// A viewer joins through an invite link and sees only the projects chosen in the invite; they
// cannot create keys: the UI hides it AND the server refuses (roles live in the DAL).
test("an invited viewer joins by link, sees only granted projects and cannot manage them", async ({
  browser,
  baseURL,
}) => {
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
  const grantedProject = (await created.json()) as { project: { id: string }; ingest_key: string };
  const granted = grantedProject.project.id;
  // An error in the granted project: an issue the viewer may read but not change.
  const sent = await owner.request.post("/api/v1/logs", {
    data: { events: [{ level: "error", message: "TypeError: viewer sees me" }] },
    headers: { "x-logwell-key": grantedProject.ingest_key },
  });
  expect(sent.status()).toBe(202);
  const hidden = (
    await (
      await owner.request.post("/api/v1/projects", {
        data: { name: `Hidden ${suffix}` },
        headers: { origin },
      })
    ).json()
  ).project.id as string;

  // The owner invites the viewer with one project chosen, and gets a link to pass on.
  await owner.goto("/settings/users");
  await owner.getByLabel("Email").fill(viewer.email);
  await owner.getByLabel(`Granted ${suffix}`).check();
  await owner.getByRole("button", { name: "Invite" }).click();
  await expect(
    owner.getByText(`Invited ${viewer.email} as viewer of Granted ${suffix}.`),
  ).toBeVisible();
  const link = (await owner.getByTestId("password-link").textContent()) ?? "";
  expect(link).toMatch(/\/set-password\/[A-Za-z0-9_-]{32}$/);
  await expect(owner.getByTestId("user-row").filter({ hasText: viewer.email })).toContainText(
    "no password yet",
  );
  // A viewer invited without projects is told they will see nothing yet.
  await owner.getByLabel("Email").fill(`invited-${suffix}@e2e.test`);
  await owner.getByRole("button", { name: "Invite" }).click();
  await expect(owner.getByText("They see no project until you give them access")).toBeVisible();
  // The only owner cannot demote themself.
  const self = owner.getByTestId("user-row").filter({ hasText: e2eAdmin.email });
  await self.getByLabel(`Role of ${e2eAdmin.email}`).selectOption("admin");
  await self.getByRole("button", { name: "Save role" }).click();
  await expect(self.getByText("This is the last owner")).toBeVisible();
  await owner.close();

  // The teammate opens the link, chooses a password and is signed in: no server log needed.
  const page = await browser.newPage({ baseURL });
  await acceptInvite(page, new URL(link).pathname, viewer.password, "Vera Viewer");
  // The name chosen on joining is what the header shows.
  await expect(page.locator("header details summary")).toContainText("Vera Viewer");
  await expect(page.getByRole("link", { name: `Granted ${suffix}` })).toBeVisible();
  await expect(page.getByText(`Hidden ${suffix}`)).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Create project" })).toHaveCount(0);

  // No settings page for viewers, and the hidden project is a 404 like a missing one.
  await page.goto(`/projects/${granted}/settings`);
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create ingest key" })).toHaveCount(0);
  await page.goto(`/projects/${hidden}/logs`);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await page.goto(`/projects/${hidden}/issues`);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();

  // Issues: read, never changed, by a viewer (no checkboxes, no status actions).
  await page.goto(`/projects/${granted}`);
  await expect(page.locator("tr[data-issue-id]")).toHaveCount(1);
  await expect(page.locator("input[data-select-issue]")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Resolve" })).toHaveCount(0);
  await page.locator("tr[data-issue-id] a[data-row-link]").click();
  await expect(page.locator("[data-issue-title]")).toHaveText("TypeError: viewer sees me");
  await expect(page.locator("[data-status-actions]")).toHaveCount(0);

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
