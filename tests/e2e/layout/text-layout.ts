import { expect, type Page } from "@playwright/test";

/**
 * Measures the text itself (Range.getClientRects over every non-blank text node), not its
 * containers: a cell can fit while its text spills under the next column. A page passes when
 * (a) no two visible text boxes of different elements intersect by more than 1 px,
 * (b) no visible text lies outside the viewport horizontally, and
 * (c) the document does not scroll sideways.
 * What an ancestor clips (overflow other than visible: an ellipsis, a 2-line clamp, a
 * horizontally scrolling <pre>) is measured as shown, so text is only exempt from (b) inside an
 * element that really clips or scrolls, and that element must itself fit.
 */
export interface LayoutProblem {
  kind: "overlap" | "outside" | "sideways-scroll";
  detail: string;
}

export async function layoutProblems(page: Page): Promise<LayoutProblem[]> {
  return page.evaluate(() => {
    const tolerance = 1;
    type Box = { left: number; top: number; right: number; bottom: number };
    const problems: { kind: "overlap" | "outside" | "sideways-scroll"; detail: string }[] = [];
    const label = (el: Element, text: string) =>
      `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${
        el.getAttribute("class")
          ? `.${el.getAttribute("class")?.split(/\s+/).slice(0, 4).join(".")}`
          : ""
      }> "${text.trim().slice(0, 40)}"`;

    const clipOf = (el: Element): Box | null => {
      // Each ancestor that clips on an axis cuts the box on that axis.
      let box: Box = { left: -1e9, top: -1e9, right: 1e9, bottom: 1e9 };
      for (let a: Element | null = el; a; a = a.parentElement) {
        const style = getComputedStyle(a);
        const r = a.getBoundingClientRect();
        if (style.overflowX !== "visible")
          box = { ...box, left: Math.max(box.left, r.left), right: Math.min(box.right, r.right) };
        if (style.overflowY !== "visible")
          box = { ...box, top: Math.max(box.top, r.top), bottom: Math.min(box.bottom, r.bottom) };
        if (style.clipPath === "inset(50%)" || style.clip === "rect(0px, 0px, 0px, 0px)")
          return null;
      }
      return box;
    };

    const boxes: { el: Element; box: Box; text: string }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? "";
      const el = node.parentElement;
      if (!el || !text.trim() || ["SCRIPT", "STYLE", "NOSCRIPT", "TITLE"].includes(el.tagName))
        continue;
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const clip = clipOf(el);
      if (!clip) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) {
        const box = {
          left: Math.max(r.left, clip.left),
          top: Math.max(r.top, clip.top),
          right: Math.min(r.right, clip.right),
          bottom: Math.min(r.bottom, clip.bottom),
        };
        if (box.right - box.left <= tolerance || box.bottom - box.top <= tolerance) continue;
        boxes.push({ el, box, text });
      }
    }

    const width = window.innerWidth;
    for (const { el, box, text } of boxes) {
      if (box.left < -tolerance || box.right > width + tolerance) {
        problems.push({
          kind: "outside",
          detail: `${label(el, text)} spans x ${Math.round(box.left)}–${Math.round(box.right)} of ${width}`,
        });
      }
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        if (!a || !b || a.el === b.el) continue;
        const dx = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
        const dy = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
        if (dx > tolerance && dy > tolerance) {
          problems.push({
            kind: "overlap",
            detail: `${label(a.el, a.text)} overlaps ${label(b.el, b.text)} by ${Math.round(dx)}×${Math.round(dy)} px`,
          });
        }
      }
    }
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth > width) {
      problems.push({ kind: "sideways-scroll", detail: `scrollWidth ${scrollWidth} > ${width}` });
    }
    return problems;
  });
}

export const layoutWidths = [390, 768, 1440, 1920] as const;

/** Runs the check at every width on the page as it is; reports every width's problems at once. */
export async function expectCleanLayout(page: Page, name: string): Promise<void> {
  const report: string[] = [];
  for (const width of layoutWidths) {
    await page.setViewportSize({ width, height: 900 });
    const problems = await layoutProblems(page);
    report.push(...problems.slice(0, 6).map((p) => `${width} px ${p.kind}: ${p.detail}`));
    if (problems.length > 6) report.push(`${width} px: ${problems.length - 6} more`);
  }
  expect(report, name).toEqual([]);
}
