import { expect, type Page } from "@playwright/test";

/** The owner invites a viewer on the users page (ticking `projects`); returns the link's path. */
export async function inviteViewer(
  owner: Page,
  email: string,
  projects: string[] = [],
): Promise<string> {
  await owner.goto("/settings/users");
  await owner.getByLabel("Email").fill(email);
  for (const name of projects) await owner.getByLabel(name).check();
  await owner.getByRole("button", { name: "Invite" }).click();
  await expect(owner.getByText(`Invited ${email} as viewer`)).toBeVisible();
  const link = (await owner.getByTestId("password-link").textContent()) ?? "";
  expect(link).toMatch(/\/set-password\/[A-Za-z0-9_-]{32}$/);
  return new URL(link).pathname;
}

/** The teammate opens the link, chooses a password and lands signed in on /projects. */
export async function acceptInvite(page: Page, path: string, password: string, name?: string) {
  await page.goto(path);
  await expect(page.getByRole("heading", { name: "Join Logwell" })).toBeVisible();
  if (name) await page.getByLabel("Your name (optional)").fill(name);
  await page.getByLabel("Password (at least 10 characters)").fill(password);
  await page.getByLabel("Repeat the password").fill(password);
  await page.getByRole("button", { name: "Set password and sign in" }).click();
  await page.waitForURL(/\/projects$/);
}
