import { expect, type Page, test } from "@playwright/test";
import { createProjectViaApi, ingest, ownerState, saveOwnerSession } from "./helpers";

// The streaming live tail (server-sent events) in real Chromium against `next start`: an event
// ingested during the test appears; the page's query is applied on the server; pause and resume
// lose and repeat nothing. Delays are printed for docs/performance.md, never asserted.

test.beforeAll(async ({ browser, baseURL }) => {
  await saveOwnerSession(browser, baseURL);
});
test.use({ storageState: ownerState });

const liveRows = (page: Page) => page.locator("table[data-live-table] a[data-row-link]");

/** Records, in the page, when each live row first appears (Date.now(), same machine clock). */
async function watchArrivals(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __arrived: Record<string, number> };
    w.__arrived = {};
    new MutationObserver(() => {
      for (const a of document.querySelectorAll("table[data-live-table] a[data-row-link]")) {
        const text = a.textContent ?? "";
        w.__arrived[text] ??= Date.now();
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
}

async function startTail(page: Page, path: string) {
  await page.goto(path);
  await page.getByRole("button", { name: "Live tail" }).click();
  await expect(page.locator("[data-tail-status=live]")).toBeVisible();
  await watchArrivals(page);
}

test("an event ingested during the test streams in; the query is applied on the server", async ({
  page,
}) => {
  const { id, key } = await createProjectViaApi(page, `stream ${Date.now()}`);
  await startTail(page, `/projects/${id}/logs?q=${encodeURIComponent("level:error")}`);
  const delays: number[] = [];
  for (let i = 1; i <= 5; i++) {
    await ingest(page.request, key, [
      { message: `quiet ${i}`, level: "info" },
      { message: `streamed ${i}`, level: "error" },
    ]);
    const answered = Date.now();
    await expect(liveRows(page).first()).toHaveText(`streamed ${i}`);
    const arrived = await page.evaluate(
      (m) => (window as unknown as { __arrived: Record<string, number> }).__arrived[m],
      `streamed ${i}`,
    );
    expect(arrived).toBeDefined();
    delays.push((arrived ?? answered) - answered);
  }
  await expect(liveRows(page)).toHaveText([5, 4, 3, 2, 1].map((i) => `streamed ${i}`));
  console.log(`live tail: ingest answer → row on screen, ms: ${delays.join(", ")}`);
});

test("pause and resume: events sent while paused arrive after resume, none lost or repeated", async ({
  page,
}) => {
  const { id, key } = await createProjectViaApi(page, `pause ${Date.now()}`);
  await startTail(page, `/projects/${id}/logs`);
  await ingest(page.request, key, [{ message: "live one" }]);
  await expect(liveRows(page)).toHaveText(["live one"]);

  await page.getByRole("button", { name: "Pause live tail" }).click();
  await expect(page.locator("[data-tail-status=idle]")).toBeVisible();
  await ingest(page.request, key, [{ message: "paused one" }]);
  await ingest(page.request, key, [{ message: "paused two" }, { message: "paused three" }]);
  // Nothing streams while paused.
  await expect(liveRows(page)).toHaveText(["live one"]);

  await page.getByRole("button", { name: "Live tail" }).click();
  await expect(liveRows(page)).toHaveText(["paused three", "paused two", "paused one", "live one"]);
  await ingest(page.request, key, [{ message: "live two" }]);
  await expect(liveRows(page)).toHaveText([
    "live two",
    "paused three",
    "paused two",
    "paused one",
    "live one",
  ]);
});
