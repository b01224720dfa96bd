// Runs the Playwright suite. Uses Debian's Chromium when present (this network cannot download
// browsers); on any other machine, fetches Playwright's own Chromium once.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const candidates = [
  process.env.PLAYWRIGHT_CHROMIUM_PATH,
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
];
if (!candidates.some((p) => p && existsSync(p))) {
  console.log("No system Chromium found: installing Playwright's Chromium (one-time download).");
  const install = spawnSync("npx", ["playwright", "install", "chromium"], { stdio: "inherit" });
  if (install.status !== 0) process.exit(install.status ?? 1);
}
const run = spawnSync("npx", ["playwright", "test", ...process.argv.slice(2)], {
  stdio: "inherit",
});
process.exit(run.status ?? 1);
