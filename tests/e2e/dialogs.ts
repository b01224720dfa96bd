import type { Page } from "@playwright/test";

/**
 * Dismisses and counts every dialog the page opens: hostile text that ran as script (an
 * `alert(1)` payload) shows up as a count above 0.
 */
export function countDialogs(page: Page): () => number {
  let dialogs = 0;
  page.on("dialog", async (dialog) => {
    dialogs++;
    await dialog.dismiss();
  });
  return () => dialogs;
}
