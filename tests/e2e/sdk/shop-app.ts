import type { BrowserContext, Page } from "@playwright/test";
import { expect } from "./fixtures";
import { sentryBundle } from "./sentry-bundle";

// The source-map specs' page: the app's built script on the app's origin, reported by
// @sentry/browser, thrown from a timer as an uncaught error; and what the event page must show.

const js = { "content-type": "text/javascript" };

interface AppServer {
  origin: string;
  pages: Map<string, string | { html: string; headers: Record<string, string> }>;
}

/** Serves `script` at `scriptPath` and opens /shop: @sentry/browser (dsn), then the script. */
export async function openSentryShop(
  app: AppServer,
  context: BrowserContext,
  dsn: string,
  script: { path: string; text: string },
): Promise<Page> {
  app.pages.set("/sentry.js", { html: await sentryBundle(), headers: js });
  app.pages.set(script.path, { html: script.text, headers: js });
  app.pages.set("/shop", {
    html: `<!doctype html><html><head><title>shop</title>
<script src="/sentry.js"></script>
<script>Sentry.init({ dsn: ${JSON.stringify(dsn)} });</script>
<script src="${script.path}"></script>
</head><body></body></html>`,
    headers: {},
  });
  const page = await context.newPage();
  await page.goto(`${app.origin}/shop`);
  await page.waitForFunction(() => "app" in window && "Sentry" in window);
  return page;
}

/** The app's CartError, uncaught (thrown from a timer). */
export function throwCheckoutError(page: Page): Promise<void> {
  return page.evaluate(() => {
    setTimeout(() => (window as unknown as { app: { runCheckout(): void } }).app.runCheckout(), 0);
  });
}

/** The event page shows validateCart at checkout.ts:13 with its source line. */
export async function expectOriginalFrames(owner: Page, projectId: string, eventId: string) {
  await owner.goto(`/projects/${projectId}/logs/${eventId}`);
  const mapped = owner.locator('[data-field="symbolicated-stack"]');
  await expect(mapped).toContainText("validateCart");
  await expect(mapped).toContainText("checkoutCart");
  await expect(mapped).toContainText("checkout.ts:13:");
  await expect(mapped.locator('[data-source-line="current"]').first()).toContainText(
    "throw new CartError(items.length);",
  );
}
