import { expect, type Page, test } from "@playwright/test";
import { ownerSession } from "./owner-session";

// Dark mode follows the system until the viewer picks one in the account menu; the server
// renders the choice, so a reload shows no flash of the other scheme.
// The body's background as relative luminance (0 black … 1 white); drawn through a canvas, since
// computed colours may come back as lab() or oklch().
const background = (page: Page) =>
  page.evaluate(() => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext("2d");
    if (!ctx) return -1;
    ctx.fillStyle = getComputedStyle(document.body).backgroundColor;
    ctx.fillRect(0, 0, 1, 1);
    const [r = 0, g = 0, b = 0] = ctx.getImageData(0, 0, 1, 1).data;
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  });

test("the colour scheme follows the system, and the viewer's choice sticks", async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({
    baseURL,
    storageState: await ownerSession(browser, baseURL),
    colorScheme: "dark",
  });
  const page = await context.newPage();
  await page.goto("/projects");
  expect(await background(page)).toBeLessThan(0.2);

  await page.locator("header details summary").click();
  await page.getByRole("button", { name: "Light" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  expect(await background(page)).toBeGreaterThan(0.8);

  // Server-rendered: the HTML itself already carries the choice.
  const html = await (await page.request.get("/projects")).text();
  expect(html).toMatch(/<html[^>]*data-theme="light"/);
  await page.reload();
  expect(await background(page)).toBeGreaterThan(0.8);

  await page.locator("header details summary").click();
  await page.getByRole("button", { name: "System" }).click();
  await expect(page.locator("html")).not.toHaveAttribute("data-theme", /.+/);
  expect(await background(page)).toBeLessThan(0.2);
  await context.close();
});
