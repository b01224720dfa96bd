import { expect, test } from "./fixtures";
import { sentryBundle } from "./sentry-bundle";

// The real @sentry/browser in Chromium, on a page of another origin, configured with nothing
// but the project's DSN: an uncaught error, an unhandled rejection and a Sentry log arrive
// through POST /api/<number>/envelope/ (docs/api.md → Sentry) with the browser's user agent and
// a stack, read back through the read API.

test("@sentry/browser: an uncaught error with its cause, a rejection and a log, with user agent and stack", async ({
  app,
  appContext,
  owner,
  project,
  waitForEvents,
}) => {
  const run = `${Date.now()}`;
  app.pages.set("/sentry.js", {
    html: await sentryBundle(),
    headers: { "content-type": "text/javascript" },
  });
  app.pages.set("/sentry-app", {
    html: `<!doctype html><html><head><title>shop</title>
<script src="/sentry.js"></script>
<script>Sentry.init({ dsn: ${JSON.stringify(project.dsn)}, release: "shop@2.0.0",
  environment: "e2e", enableLogs: true });</script>
</head><body><button id="buy">Buy now</button></body></html>`,
    headers: {},
  });
  const page = await appContext.newPage();
  await page.goto(`${app.origin}/sentry-app`);
  await page.waitForFunction(() => "Sentry" in window);
  await page.click("#buy");
  await page.evaluate((run) => {
    function pay() {
      throw new Error(`payment failed ${run}`, { cause: new TypeError("card is undefined") });
    }
    setTimeout(pay, 0);
    // A moment later: the SDK ignores global errors for one tick after one thrown inside a
    // callback it wrapped (setTimeout's), as the same error would otherwise be reported twice.
    setTimeout(() => void Promise.reject(new RangeError(`rejected ${run}`)), 300);
    const sentry = (
      window as unknown as {
        Sentry: { logger: { warn(m: string, a: object): void }; flush(): Promise<boolean> };
      }
    ).Sentry;
    sentry.logger.warn(`log ${run}`, { cart: 3 });
    setTimeout(() => void sentry.flush(), 100);
  }, run);

  const events = await waitForEvents((e) => e.message.includes(run), 3);
  const userAgent = await page.evaluate(() => navigator.userAgent);
  const thrown = events.find((e) => e.message === `Error: payment failed ${run}`);
  expect(thrown).toMatchObject({ level: "error", release: "shop@2.0.0" });
  expect(thrown?.stack).toMatch(/^Error: payment failed \d+\n {4}at pay \(/);
  expect(thrown?.stack).toContain("Caused by: TypeError: card is undefined");
  expect(thrown?.url).toBe(`${app.origin}/sentry-app`);
  expect((thrown as { user_agent?: string } | undefined)?.user_agent).toBe(userAgent);
  const crumbs = thrown?.attributes?.breadcrumbs as Array<{ category: string }> | undefined;
  expect(crumbs?.map((c) => c.category)).toContain("ui.click");

  const rejected = events.find((e) => e.message === `RangeError: rejected ${run}`);
  expect(rejected).toMatchObject({ level: "error" });
  expect(rejected?.stack).toContain(`RangeError: rejected ${run}`);

  const log = events.find((e) => e.message === `log ${run}`);
  expect(log).toMatchObject({ level: "warn", release: "shop@2.0.0" });
  expect(log?.attributes).toMatchObject({ cart: 3 });

  // The SDK also reported its session (release health): the project's Health page shows it.
  await owner.goto(`/projects/${project.id}/health`);
  const release = owner.getByTestId("release-health").getByRole("row", { name: /shop@2\.0\.0/ });
  await expect(release).toBeVisible();
  await expect(release.getByRole("cell").nth(1)).toHaveText("100%");
});
