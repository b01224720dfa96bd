import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";

// Debian's Chromium in CI and here (no browser downloads on this network); elsewhere the one
// `npx playwright install chromium` fetched.
const chromiumPath = [
  process.env.PLAYWRIGHT_CHROMIUM_PATH,
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
].find((p): p is string => Boolean(p && existsSync(p)));

const port = Number(process.env.E2E_PORT || 3107);

export default defineConfig({
  testDir: "tests/e2e",
  // One server and one database for the whole run; tests isolate by creating their own projects.
  globalSetup: "./tests/e2e/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
});
