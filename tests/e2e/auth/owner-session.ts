import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "@playwright/test";
import { e2eAdmin } from "../fixtures/admin";
import { signInAs } from "./sign-in";

/**
 * The bootstrapped owner's signed-in browser state, made once per Playwright run and shared by
 * every spec file: sign-in is rate limited per email (10 per 15 min, fail closed), so a suite
 * that signs in per test locks itself out. Keyed on the runner's pid, because each run starts a
 * fresh server and database. Use: `browser.newPage({ baseURL, storageState: await ownerSession(...) })`.
 */
export async function ownerSession(browser: Browser, baseURL: string | undefined): Promise<string> {
  const file = path.join(
    tmpdir(),
    `logwell-e2e-owner-${process.ppid}-${new URL(baseURL ?? "http://x").port}.json`,
  );
  if (existsSync(file)) return file;
  const page = await browser.newPage({ baseURL, storageState: { cookies: [], origins: [] } });
  try {
    await signInAs(page, e2eAdmin);
    await page.context().storageState({ path: file });
  } finally {
    await page.close();
  }
  return file;
}
