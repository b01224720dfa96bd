import { expect, type Page, test } from "@playwright/test";
import { countDialogs } from "../dialogs";
import { createProjectViaApi, ingest, ownerState, saveOwnerSession } from "../logs/helpers";

// Issue 14 §6 in Chromium: the project opens on its issues; resolving an issue and sending the
// error again shows it regressed; the list's filters, bulk actions and paging; stepping through
// an issue's events; the way from an event to its issue and from an issue to its events.

test.beforeAll(async ({ browser, baseURL }) => {
  await saveOwnerSession(browser, baseURL);
});
test.use({ storageState: ownerState, timezoneId: "UTC" });

const crash = (fn: string, extra: Record<string, unknown> = {}) => ({
  level: "error",
  message: `TypeError: ${fn} is not a function`,
  stack: `TypeError: ${fn} is not a function\n    at ${fn} (https://shop.test/assets/app-3f2a9c.js:1:200)\n    at main (https://shop.test/assets/app-3f2a9c.js:1:10)`,
  ...extra,
});

const rowIds = (page: Page) =>
  page
    .locator("table[data-issue-table] tr[data-issue-id]")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-issue-id") ?? ""));

/** Distinct names without digits (numbers are masked by grouping, so "fn1" and "fn2" are one). */
const names = (n: number) =>
  Array.from(
    { length: n },
    (_, i) => `handle${String.fromCharCode(97 + Math.floor(i / 26), 97 + (i % 26))}`,
  );

test("resolve an issue, send the error again: it is regressed, and the activity says so", async ({
  page,
}) => {
  const { id, key } = await createProjectViaApi(page, `regress ${Date.now()}`);
  await ingest(page.request, key, [crash("checkout", { release: "web@1.0.0", user_id: "u1" })]);

  // The project's own URL opens on its issues.
  await page.goto(`/projects/${id}`);
  await expect(page).toHaveURL(new RegExp(`/projects/${id}/issues$`));
  await expect(page.getByRole("link", { name: "Issues", exact: true })).toHaveAttribute(
    "aria-current",
    "page",
  );
  const row = page.locator("tr[data-issue-id]");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("TypeError: checkout is not a function");
  await expect(row).toContainText("checkout (app.js)");
  await row.getByRole("link").click();

  await expect(page.locator("[data-issue-title]")).toHaveText(
    "TypeError: checkout is not a function",
  );
  await expect(page.locator("[data-issue-facts] [data-event-count]")).toHaveText("1");
  await page.getByRole("button", { name: "Resolve", exact: true }).click();
  await expect(page.locator("[data-status=resolved]")).toBeVisible();
  await expect(page.locator("[data-activity-action=resolved]")).toContainText("admin@e2e.test");
  // Resolved issues leave the default (unresolved) list.
  await page.goto(`/projects/${id}/issues`);
  await expect(page.locator("tr[data-issue-id]")).toHaveCount(0);
  await expect(page.getByText("No unresolved issues")).toBeVisible();

  await ingest(page.request, key, [crash("checkout", { release: "web@1.0.1", user_id: "u2" })]);
  await page.reload();
  await expect(row).toHaveCount(1);
  await expect(row.locator("[data-regressed]")).toBeVisible();
  await row.getByRole("link").click();
  await expect(page.locator("[data-regressed]")).toBeVisible();
  await expect(page.locator("[data-activity-action=regressed]")).toContainText("Logwell");
  await expect(page.locator("[data-issue-facts] [data-event-count]")).toHaveText("2");
  await expect(page.locator("[data-issue-facts] [data-user-count]")).toHaveText("2");
  await expect(page.locator("[data-tag=release]")).toContainText("web@1.0.1");
  await expect(page.locator("[data-chart-total]").first()).toHaveAttribute("data-chart-total", "2");
  // The bulk count follows the form's reset after an action.
  await page.goto(`/projects/${id}/issues`);
  await page.locator("input[data-select-issue]").check();
  await expect(page.locator("[data-selected-count]")).toHaveText("1 selected");
  await page.getByRole("button", { name: "Ignore", exact: true }).click();
  await expect(page.locator("tr[data-issue-id]")).toHaveCount(0);
  await expect(page.locator("[data-selected-count]")).toHaveCount(0);
});

test("resolve in a release and ignore until N more events, from the issue page's menus", async ({
  page,
}) => {
  const { id, key } = await createProjectViaApi(page, `menus ${Date.now()}`);
  await ingest(page.request, key, [crash("render", { release: "web@1.9.0" })]);
  await page.goto(`/projects/${id}/issues`);
  await page.locator("tr[data-issue-id] a[data-row-link]").click();
  await expect(page).toHaveURL(/\/issues\/\d+$/);
  const issueUrl = page.url();

  await page.getByText("Resolve in… ▾").click();
  await page.getByLabel("Release").fill("web@2.0.0");
  await page.getByRole("button", { name: "Resolve in it" }).click();
  await expect(page.locator("[data-status-words]")).toHaveText("Resolved in release web@2.0.0");
  // An older release does not reopen it; the fixed release itself does.
  await ingest(page.request, key, [crash("render", { release: "web@1.9.0" })]);
  await page.reload();
  await expect(page.locator("[data-status=resolved]")).toBeVisible();
  await ingest(page.request, key, [crash("render", { release: "web@2.0.0" })]);
  await page.reload();
  await expect(page.locator("[data-regressed]")).toBeVisible();
  await expect(page.locator("[data-activity-action=resolved]")).toContainText(
    "resolved in release web@2.0.0",
  );

  await page.getByText("Ignore until… ▾").click();
  await page.getByLabel("More events").fill("2");
  await page
    .locator("form", { has: page.getByLabel("More events") })
    .getByRole("button", { name: "Ignore" })
    .click();
  await expect(page.locator("[data-status-words]")).toHaveText("Ignored: 2 more events");
  await ingest(page.request, key, [crash("render", { release: "web@2.0.0" })]);
  await page.goto(issueUrl);
  await expect(page.locator("[data-status=ignored]")).toBeVisible();
  await ingest(page.request, key, [crash("render", { release: "web@2.0.0" })]);
  await page.reload();
  await expect(page.locator("[data-status-words]")).toHaveText("Unresolved");
  await expect(page.locator("[data-activity-action=ignore_ended]")).toContainText("Logwell");
  // A refusal (a date in the past) comes back in words and changes nothing.
  await page.getByText("Ignore until… ▾").click();
  const until = page.getByLabel("Ignore until (your time zone)");
  await until.fill("2020-01-01T00:00");
  await page.locator("form", { has: until }).getByRole("button", { name: "Ignore" }).click();
  await expect(page.locator("[data-status-actions] [role=alert]")).toContainText("future");
  await expect(page.locator("[data-status-words]")).toHaveText("Unresolved");
});

test("the list filters by level, text and status; bulk resolve; keyset pages of 25", async ({
  page,
}) => {
  const { id, key } = await createProjectViaApi(page, `list ${Date.now()}`);
  const all = names(30);
  // Oldest first, one request each, so last seen follows the array: the last is the newest.
  for (const [i, fn] of all.entries()) {
    await ingest(page.request, key, [crash(fn, i % 10 === 0 ? { level: "fatal" } : {})]);
  }
  await page.goto(`/projects/${id}/issues`);
  const first = await rowIds(page);
  expect(first).toHaveLength(25);
  await expect(page.locator("tr[data-issue-id]").first()).toContainText(all[29] ?? "");
  await page.locator("[data-next-page]").click();
  await expect(page).toHaveURL(/cursor=/);
  await expect.poll(() => rowIds(page)).toHaveLength(5);
  const second = await rowIds(page);
  expect(second.filter((x) => first.includes(x))).toEqual([]);
  await expect(page.locator("[data-next-page]")).toHaveCount(0);
  await page.locator("[data-first-page]").click();
  await expect(page).not.toHaveURL(/cursor=/);
  await expect.poll(() => rowIds(page)).toEqual(first);

  // Levels and text through the filter form: only what is set reaches the URL.
  await page.getByRole("checkbox", { name: "fatal" }).check();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/\?level=fatal$/);
  await expect(page.locator("tr[data-issue-id]")).toHaveCount(3);
  await page.goto(`/projects/${id}/issues?q=${all[7]}`);
  await expect(page.locator("tr[data-issue-id]")).toHaveCount(1);
  await expect(page.locator("#issues-q")).toHaveValue(all[7] ?? "");

  // Bulk: resolve two; they leave the unresolved list and show under "resolved".
  await page.goto(`/projects/${id}/issues?q=handleb`);
  const rows = page.locator("tr[data-issue-id]");
  await expect(rows).toHaveCount(4);
  const picked = (await rowIds(page)).slice(0, 2);
  for (const issue of picked) {
    await page.locator(`tr[data-issue-id="${issue}"] input[data-select-issue]`).check();
  }
  await expect(page.locator("[data-selected-count]")).toHaveText("2 selected");
  await page.getByRole("button", { name: "Resolve", exact: true }).click();
  await expect(rows).toHaveCount(2);
  await page.goto(`/projects/${id}/issues?status=resolved`);
  await expect.poll(async () => (await rowIds(page)).sort()).toEqual([...picked].sort());
  await expect(page.locator("#issues-q")).toHaveValue("");
  await expect(page.locator("select[name=status]")).toHaveValue("resolved");

  // Keyboard: j moves to the first issue, Enter opens it.
  await page.goto(`/projects/${id}/issues`);
  await expect(page.locator("[data-keyboard-nav=ready]")).toBeVisible();
  const [top] = await rowIds(page);
  await page.keyboard.press("j");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/issues/${top}$`));
});

test("step through an issue's events; to the explorer and back from an event", async ({ page }) => {
  const { id, key } = await createProjectViaApi(page, `steps ${Date.now()}`);
  for (const user of ["first", "second", "third"]) {
    await ingest(page.request, key, [crash("pay", { user_id: user })]);
  }
  await ingest(page.request, key, [{ level: "info", message: "not an issue" }]);
  const listed = await page.request.get(`/api/v1/logs?project=${id}&level=error`);
  const [third, second, firstEvent] = ((await listed.json()).logs as { id: string }[]).map(
    (l) => l.id,
  );

  await page.goto(`/projects/${id}/issues`);
  await page.locator("tr[data-issue-id] a[data-row-link]").click();
  await expect(page).toHaveURL(/\/issues\/\d+$/);
  const shown = page.locator("a[data-event-page]");
  const issueUrl = page.url();
  await expect(page.getByRole("heading", { name: "Latest event" })).toBeVisible();
  await expect(shown).toHaveAttribute("href", new RegExp(`/logs/${third}$`));
  await expect(page.locator("nav[aria-label='Events of this issue'] a[data-newer]")).toHaveCount(0);
  await page.locator("a[data-older]").click();
  await expect(shown).toHaveAttribute("href", new RegExp(`/logs/${second}$`));
  await page.locator("a[data-oldest]").click();
  await expect(shown).toHaveAttribute("href", new RegExp(`/logs/${firstEvent}$`));
  await expect(page.locator("a[data-older]")).toHaveCount(0);
  await page.locator("a[data-newer]").click();
  await expect(shown).toHaveAttribute("href", new RegExp(`/logs/${second}$`));
  await page.locator("a[data-newest]").click();
  await expect(shown).toHaveAttribute("href", new RegExp(`/logs/${third}$`));

  // All events of the issue: the explorer filtered by it (the info event is not there).
  await page.locator("a[data-all-events]").click();
  await expect(page).toHaveURL(/\/logs\?issue=\d+$/);
  await expect(page.locator("table[data-log-table] tr[data-log-id]")).toHaveCount(3);

  // And back: an event page names its issue and links to it, at that event.
  await page.goto(`/projects/${id}/logs/${second}`);
  await page.locator("a[data-issue-link]").click();
  await expect(page).toHaveURL(`${issueUrl}?event=${second}`);
  await expect(shown).toHaveAttribute("href", new RegExp(`/logs/${second}$`));
  // An event of another issue (or none) under this issue is the 404 page.
  const res = await page.request.get(`${issueUrl}?event=999999999`);
  expect(res.status()).toBe(404);
});

test("hostile titles, culprits, tags and breadcrumbs render as text and run nothing", async ({
  page,
}) => {
  const dialogs = countDialogs(page);
  const payloads = [
    "<img src=x onerror=alert(1)>",
    '<svg onload="window.__xss=1">',
    "trojan \u202Eexe.txt\u200B \u001b[31mred",
  ];
  const { id, key } = await createProjectViaApi(page, `hostile issues ${Date.now()}`);
  await ingest(
    page.request,
    key,
    payloads.map((message) => ({
      level: "error",
      message,
      release: "<b>r</b>",
      environment: "<script>window.__xss=1</script>",
      url: "javascript:alert(1)",
      attributes: { breadcrumbs: [{ time: Date.now(), category: "<i>x</i>", message }] },
    })),
  );
  await page.goto(`/projects/${id}/issues`);
  const titles = await page.locator("tr[data-issue-id] a[data-row-link]").allInnerTexts();
  expect(titles).toContain(payloads[0]);
  expect(titles).toContain(payloads[1]);
  expect(titles).toContain("trojan \\u{202E}exe.txt\\u{200B} \\e[31mred");
  for (const issue of await rowIds(page)) {
    await page.goto(`/projects/${id}/issues/${issue}`);
    await expect(page.locator("[data-issue-title]")).toBeVisible();
    await expect(page.locator("[data-tag=environment]")).toContainText("<script>");
    await expect(page.locator("[data-breadcrumb]")).toHaveCount(1);
    for (const href of await page
      .locator("a[href]")
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href))) {
      expect(new URL(href).protocol).toMatch(/^https?:$/);
    }
  }
  expect(
    await page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
  ).toBeUndefined();
  expect(dialogs()).toBe(0);
});
