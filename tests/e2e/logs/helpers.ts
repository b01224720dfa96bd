import { copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type APIRequestContext, type Browser, expect, type Page } from "@playwright/test";
import { ownerSession } from "../auth/owner-session";

/**
 * Sign-ins are rate limited per email (10 per 15 min): each spec file's beforeAll puts the
 * run's one owner session (auth/owner-session.ts) where its tests read it
 * (`test.use({ storageState: ownerState })`). One sign-in per spec file ran past the limit
 * once the explorer and issues specs were more than ten.
 */
export const ownerState = path.join(tmpdir(), `logwell-e2e-explorer-owner-${process.pid}.json`);

export const signedOut = { cookies: [], origins: [] };

export async function saveOwnerSession(browser: Browser, baseURL: string | undefined) {
  copyFileSync(await ownerSession(browser, baseURL), ownerState);
}

/** Creates a project through the projects API with the page's session; returns id and key. */
export async function createProjectViaApi(page: Page, name: string) {
  if (page.url() === "about:blank") await page.goto("/projects");
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
