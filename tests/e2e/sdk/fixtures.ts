// Fixtures for the SDK's browser tests: a project created through the API by the signed-in
// owner, an "app" on another origin (a loopback http server on its own port: a page on a
// public-looking origin may not reach a loopback deployment in Chromium) that embeds the
// deployment's script tag, and reading the events back through the read API.
import { createServer, type Server } from "node:http";
import { type BrowserContext, test as base, expect, type Page } from "@playwright/test";
import { ownerSession } from "../auth/owner-session";

/** The app's pages by path (HTML, or HTML with response headers); any other path is a 503. */
type AppPages = Map<string, string | { html: string; headers: Record<string, string> }>;

export interface StoredEvent {
  id: string;
  event_id: string | null;
  level: string;
  message: string;
  logger: string | null;
  url: string | null;
  stack: string | null;
  session_id: string | null;
  release: string | null;
  issue_id: string | null;
  attributes: Record<string, unknown> | null;
}

export interface AppPageOptions {
  /** Extra attributes on the script tag, e.g. `data-console="error"`. */
  attributes?: string;
  /** JavaScript source of `window.LogwellConfig`, e.g. `{ beforeSend: (e) => e }`. */
  config?: string;
  /** Script run before the SDK loads (e.g. to make Math.random predictable). */
  before?: string;
  body?: string;
  /** Response headers of the app page, e.g. a Content-Security-Policy. */
  headers?: Record<string, string>;
}

interface SdkFixtures {
  /** Origin of the app server, e.g. http://127.0.0.1:40123; pages are set per test. */
  app: { origin: string; pages: AppPages };
  /** The deployment under test (Playwright's baseURL). */
  deployment: string;
  /** A page signed in as the bootstrapped owner (one sign-in per run: sign-in is rate limited). */
  owner: Page;
  /** A fresh project: its id, first ingest key and that key's Sentry DSN. */
  project: { id: string; key: string; dsn: string };
  /** A second browser context: the visitor of the app, separate from the signed-in owner. */
  appContext: BrowserContext;
  /** Opens the app page with the script tag and waits for `window.Logwell`. */
  openApp(options?: AppPageOptions): Promise<Page>;
  /** Events stored for the project so far (newest first), read with the owner's session. */
  storedEvents(): Promise<StoredEvent[]>;
  /** Waits until `count` stored events match `filter`, then returns them. */
  waitForEvents(filter: (event: StoredEvent) => boolean, count: number): Promise<StoredEvent[]>;
}

export const test = base.extend<SdkFixtures, { appServer: { origin: string; pages: AppPages } }>({
  appServer: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the fixtures argument.
    async ({}, use) => {
      const pages: AppPages = new Map();
      const server: Server = createServer((req, res) => {
        const page = pages.get((req.url ?? "").split("?")[0] ?? "");
        const { html, headers } =
          typeof page === "string" ? { html: page, headers: {} } : (page ?? {});
        res.writeHead(html ? 200 : 503, {
          "content-type": html ? "text/html" : "text/plain",
          ...headers,
        });
        res.end(html ?? "down");
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      await use({ origin: `http://127.0.0.1:${port}`, pages });
      await new Promise((resolve) => server.close(resolve));
    },
    { scope: "worker" },
  ],
  app: async ({ appServer }, use) => {
    appServer.pages.clear();
    await use(appServer);
  },
  deployment: async ({ baseURL }, use) => {
    await use(baseURL as string);
  },
  owner: async ({ browser, baseURL }, use) => {
    const page = await browser.newPage({
      baseURL,
      storageState: await ownerSession(browser, baseURL),
    });
    await use(page);
    await page.close();
  },
  project: async ({ owner, baseURL }, use, testInfo) => {
    const res = await owner.request.post("/api/v1/projects", {
      data: { name: `sdk ${testInfo.title.slice(0, 40)} ${Date.now()}` },
      headers: { origin: new URL(baseURL as string).origin },
    });
    expect(res.status()).toBe(201);
    const body = (await res.json()) as {
      project: { id: string };
      ingest_key: string;
      sentry_dsn: string;
    };
    await use({ id: body.project.id, key: body.ingest_key, dsn: body.sentry_dsn });
  },
  appContext: async ({ browser }, use) => {
    const context = await browser.newContext();
    await use(context);
    await context.close();
  },
  openApp: async ({ app, appContext, deployment, project }, use) => {
    await use(async (options = {}) => {
      const html = `<!doctype html><html><head><title>shop</title>
<script>${options.before ?? ""}
window.LogwellConfig = ${options.config ?? "undefined"};</script>
<script src="${deployment}/logwell.js" data-key="${project.key}" data-release="9.9.9"
  data-environment="e2e" ${options.attributes ?? ""} async></script>
</head><body><button id="buy">Buy now</button>${options.body ?? ""}</body></html>`;
      app.pages.set("/app", { html, headers: options.headers ?? {} });
      const page = await appContext.newPage();
      await page.goto(`${app.origin}/app?visit=1`);
      await page.waitForFunction(() => "Logwell" in window);
      return page;
    });
  },
  storedEvents: async ({ owner, project }, use) => {
    await use(async () => {
      const res = await owner.request.get(`/api/v1/logs?project=${project.id}&limit=200`);
      expect(res.status()).toBe(200);
      return ((await res.json()) as { logs: StoredEvent[] }).logs;
    });
  },
  waitForEvents: async ({ storedEvents }, use) => {
    await use(async (filter, count) => {
      await expect
        .poll(async () => (await storedEvents()).filter(filter).length, { timeout: 20_000 })
        .toBeGreaterThanOrEqual(count);
      return (await storedEvents()).filter(filter);
    });
  },
});

export { expect };
