import { expect, test } from "@playwright/test";
import { layoutProblems } from "./text-layout";

// The layout check itself: it must see each kind of breakage, and exempt only text that an
// element really clips or scrolls.
const kinds = async (page: import("@playwright/test").Page, html: string) => {
  await page.setViewportSize({ width: 390, height: 600 });
  await page.setContent(`<body style="margin:0;font:14px sans-serif">${html}</body>`);
  return (await layoutProblems(page)).map((p) => p.kind).sort();
};

test("sees overlapping text, text past the window edge and sideways scroll", async ({ page }) => {
  expect(
    await kinds(
      page,
      `<div style="position:relative"><span>time 12:00</span><span style="position:absolute;left:20px">error</span></div>`,
    ),
  ).toEqual(["overlap"]);
  expect(await kinds(page, `<p>${"x".repeat(200)}</p>`)).toEqual(["outside", "sideways-scroll"]);
  // A <pre> that does not scroll is no excuse.
  expect(await kinds(page, `<pre style="overflow-x:visible">${"y".repeat(200)}</pre>`)).toEqual([
    "outside",
    "sideways-scroll",
  ]);
});

test("passes wrapped, clamped, ellipsised and scrolling text, and screen-reader-only text", async ({
  page,
}) => {
  expect(
    await kinds(
      page,
      `<p style="overflow-wrap:anywhere">${"x".repeat(200)}</p>
       <p style="overflow:hidden;text-overflow:ellipsis;white-space:nowrap">${"z".repeat(200)}</p>
       <pre style="overflow-x:auto">${"y".repeat(200)}</pre>
       <p style="display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden;overflow-wrap:anywhere">${"w".repeat(900)}</p>
       <p>below the clamp</p>
       <span style="position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap">hidden label over text</span><p>visible text</p>`,
    ),
  ).toEqual([]);
});
