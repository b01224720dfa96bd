import { expect, test } from "@playwright/test";
import { acceptInvite, inviteViewer } from "../auth/invite";
import { countDialogs } from "../dialogs";
import { createProjectViaApi, ingest, ownerState, saveOwnerSession, signedOut } from "./helpers";

// TC-09 / TC-10: hostile log content renders as text and runs nothing; a deleted project's
// logs are gone for every session.

/** C0 controls other than TAB/LF, plus the bidi override and zero-width space planted here. */
function rawControls(text: string): number[] {
  const codes = [...text].map((c) => c.codePointAt(0) ?? 0);
  return codes.filter((c) => (c < 0x20 && c !== 9 && c !== 10) || c === 0x202e || c === 0x200b);
}

test.beforeAll(async ({ browser, baseURL }) => {
  await saveOwnerSession(browser, baseURL);
});
test.use({ storageState: ownerState });

const payloads = [
  "<img src=x onerror=alert(1)>",
  '<img src=x onerror="window.__xss=1">',
  "<script>window.__xss=1</script>",
  '<svg onload="window.__xss=1">',
];

test("hostile messages, urls and attributes render as text and execute nothing (TC-09)", async ({
  page,
}) => {
  const dialogs = countDialogs(page);
  const { id, key } = await createProjectViaApi(page, `<img src=x onerror=alert(1)> ${Date.now()}`);
  await ingest(page.request, key, [
    ...payloads.map((message, i) => ({
      message,
      url: [
        "javascript:alert(1)",
        " JavaScript:window.__xss=1",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
      ][i],
      release: "<b>r</b>",
      attributes: {
        "<img src=x onerror=alert(1)>": "javascript:alert(1)",
        nested: { "<svg onload=alert(1)>": 1 },
      },
    })),
    { message: "trojan \u202Eexe.txt\u200B \u001b[31mred\r", level: "warn" },
  ]);
  await page.goto(`/projects/${id}/logs`);
  const messages = await page.locator("table[data-log-table] a[data-row-link]").allInnerTexts();
  for (const p of payloads) expect(messages).toContain(p);
  for (const href of await page
    .locator("a[href]")
    // The attribute resolved against the page: SVG links (the chart's bars) have no string href.
    .evaluateAll((as) =>
      as.map((a) => new URL(a.getAttribute("href") ?? "", location.href).href),
    )) {
    expect(new URL(href).protocol).toMatch(/^https?:$/);
  }
  // TC-10: controls and bidi are shown as escapes, never raw.
  await expect(page.locator("a[data-row-link]").first()).toHaveText(
    "trojan \\u{202E}exe.txt\\u{200B} \\e[31mred\\r",
  );

  const rows = page.locator("table[data-log-table] a[data-row-link]");
  const count = await rows.count();
  for (let i = 0; i < count; i++) {
    await page.goto(`/projects/${id}/logs`);
    await rows.nth(i).click();
    await expect(page.locator("[data-field=message]")).toBeVisible();
    // None of these URLs is http(s): none may become a link.
    expect(await page.getByRole("link", { name: "open ↗" }).count()).toBe(0);
    expect(rawControls((await page.locator("main").textContent()) ?? "")).toEqual([]);
  }
  await page.goto(`/projects/${id}/logs`);
  await page.getByRole("button", { name: "Live tail" }).click();
  await expect(page.locator("[data-tail-status=live]")).toBeVisible();
  expect(
    await page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
  ).toBeUndefined();
  expect(dialogs()).toBe(0);
});

test("another user's session cannot read a deleted project's logs (404 alike)", async ({
  page,
  browser,
  baseURL,
}) => {
  const { id, key } = await createProjectViaApi(page, `doomed ${Date.now()}`);
  await ingest(page.request, key, [{ message: "soon gone" }]);
  // The owner invites a viewer with this project chosen; the viewer joins by the link.
  const viewer = { email: `explorer-viewer-${Date.now()}@e2e.test`, password: "viewer-password-1" };
  const name = (await page.request.get(`/api/v1/projects/${id}`).then((r) => r.json())).project
    .name as string;
  const link = await inviteViewer(page, viewer.email, [name]);

  const other = await browser.newContext({ baseURL, storageState: signedOut });
  const viewerPage = await other.newPage();
  await acceptInvite(viewerPage, link, viewer.password);
  await viewerPage.goto(`/projects/${id}/logs`);
  await viewerPage.locator("a[data-row-link]").first().click();
  await expect(viewerPage.locator("[data-field=message]")).toHaveText("soon gone");
  const detailUrl = viewerPage.url();
  const logId = detailUrl.split("/").pop();

  const origin = new URL(page.url()).origin;
  const del = await page.request.delete(`/api/v1/projects/${id}`, { headers: { origin } });
  expect(del.status()).toBeLessThan(300);

  for (const p of [viewerPage, page]) {
    // The logs list streams under its loading.tsx (status 200); both render the 404 page.
    for (const url of [detailUrl, `/projects/${id}/logs`]) {
      await p.goto(url);
      await expect(p.getByRole("heading", { name: "Not found" })).toBeVisible();
      await expect(p.getByText("soon gone")).toHaveCount(0);
    }
    expect((await p.request.get(`/api/v1/logs/${logId}`)).status()).toBe(404);
    expect((await p.request.get(`/api/v1/logs?project=${id}`)).status()).toBe(404);
    const all = await p.request.get("/api/v1/logs?limit=200");
    expect(((await all.json()).logs as { id: string }[]).map((l) => l.id)).not.toContain(logId);
  }
  await other.close();
});
