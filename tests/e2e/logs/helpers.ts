import { type APIRequestContext, expect, type Page } from "@playwright/test";
import { e2eAdmin } from "../fixtures/admin";

/** Signs the page's context in as the bootstrapped owner through the real login form. */
export async function signIn(page: Page): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(e2eAdmin.email);
  await page.getByLabel("Password").fill(e2eAdmin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Creates a project through the projects API with the page's session; returns id and key. */
export async function createProjectViaApi(page: Page, name: string) {
  const origin = new URL(page.url()).origin;
  const res = await page.request.post("/api/v1/projects", {
    data: { name },
    headers: { origin },
  });
  expect(res.status()).toBe(201);
  const body = (await res.json()) as { project: { id: string }; ingest_key: string };
  return { id: body.project.id, key: body.ingest_key };
}

/** Ingests events through the public endpoint, as an app would. */
export async function ingest(
  request: APIRequestContext,
  key: string,
  events: Record<string, unknown>[],
): Promise<void> {
  for (let i = 0; i < events.length; i += 1000) {
    const res = await request.post("/api/v1/logs", {
      data: { events: events.slice(i, i + 1000) },
      headers: { "x-logwell-key": key },
    });
    expect(res.status()).toBe(202);
    expect((await res.json()).accepted).toBe(Math.min(1000, events.length - i));
  }
}

/** Ids of the rows in the main (server-rendered) table, top to bottom. */
export async function tableIds(page: Page): Promise<string[]> {
  return page
    .locator("table[data-log-table] tr[data-log-id]")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-log-id") ?? ""));
}
