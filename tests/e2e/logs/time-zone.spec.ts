import { expect, test } from "@playwright/test";
import { createProjectViaApi, ingest, ownerState, saveOwnerSession } from "./helpers";

// The custom time range is picked in the admin's own zone (Tokyo here: UTC+9, no DST) and
// travels in the URL as UTC, so a shared link means the same instants for every viewer.

test.beforeAll(async ({ browser, baseURL }) => {
  await saveOwnerSession(browser, baseURL);
});
test.use({ storageState: ownerState, timezoneId: "Asia/Tokyo" });

const tokyoInput = (ms: number) => new Date(ms + 9 * 3_600_000).toISOString().slice(0, 16);

test("a custom range is entered in local time and applied as UTC", async ({ page }) => {
  const { id, key } = await createProjectViaApi(page, `time zone ${Date.now()}`);
  await ingest(page.request, key, [{ message: "inside the range", level: "warn" }]);
  const minute = 60_000;
  const from = Math.floor(Date.now() / minute) * minute - 60 * minute;
  const to = from + 3 * 60 * minute;

  await page.goto(`/projects/${id}/logs`);
  const form = page.getByRole("form", { name: "Filters" });
  await form.getByLabel("Time range").selectOption("custom");
  await form.getByLabel("From (your time zone)").fill(tokyoInput(from));
  await form.getByLabel("To (your time zone)").fill(tokyoInput(to));
  await form.getByRole("button", { name: "Apply" }).click();

  await expect(page).toHaveURL(/from=/);
  const params = new URL(page.url()).searchParams;
  expect(params.get("from")).toBe(new Date(from).toISOString());
  expect(params.get("to")).toBe(new Date(to).toISOString());
  await expect(page.locator("table[data-log-table] a[data-row-link]")).toHaveText([
    "inside the range",
  ]);
  // After a reload the inputs show the same local wall-clock times again.
  await page.reload();
  await expect(form.getByLabel("From (your time zone)")).toHaveValue(tokyoInput(from));

  // A range that ended before the event leaves nothing.
  await form.getByLabel("From (your time zone)").fill(tokyoInput(from - 120 * minute));
  await form.getByLabel("To (your time zone)").fill(tokyoInput(from - 60 * minute));
  await form.getByRole("button", { name: "Apply" }).click();
  await expect(page.locator("table[data-log-table] a[data-row-link]")).toHaveCount(0);
});
