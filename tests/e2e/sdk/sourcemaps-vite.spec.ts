import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { type BuiltApp, runSentryCli } from "../../integration/sourcemaps/sourcemap-app";
import { expect, test } from "./fixtures";
import { expectOriginalFrames, openSentryShop, throwCheckoutError } from "./shop-app";
import { buildWithVite } from "./vite-app";

// Issue 20 §4 with a Vite build (Rolldown, Oxc minifier, hashed names under assets/): the real
// sentry-cli injects debug ids and uploads (with the release the page's Logwell script reports,
// under ~/assets) with an admin token made in Settings → API tokens; the app throws in real
// Chromium, reported by @sentry/browser (found by debug id) and by Logwell's own script (found
// by release + URL). Both events show validateCart at checkout.ts:13 with its source line; a
// second deploy (new hash, new mangled names) lands in the first one's issue.

const js = { "content-type": "text/javascript" };
const release = "9.9.9"; // what the fixtures' Logwell script reports

async function adminToken(owner: Page): Promise<string> {
  await owner.goto("/settings/tokens");
  await owner.getByLabel("Name").fill(`vite-build-${Date.now()}`);
  await owner.getByLabel("Role").selectOption("admin");
  await owner.getByRole("button", { name: "Create token" }).click();
  const token = (await owner.getByTestId("new-admin-token").textContent()) ?? "";
  expect(token).toMatch(/^lw_sec_/);
  return token;
}

test("Vite build + sentry-cli: @sentry/browser and Logwell's script events show the original frames; two deploys, one issue", async ({
  app,
  appContext,
  owner,
  project,
  baseURL,
  openApp,
  waitForEvents,
}) => {
  const env = { url: baseURL as string, token: await adminToken(owner) };
  const projectNumber = /\/(\d+)$/.exec(project.dsn)?.[1] ?? "";
  const served = new Map<BuiltApp, string>();
  async function deploy(n: number): Promise<BuiltApp> {
    const built = await buildWithVite(n);
    const inject = await runSentryCli(["sourcemaps", "inject", built.dir], env);
    expect(inject.code, inject.output).toBe(0);
    const upload = await runSentryCli(
      ["sourcemaps", "upload", "--org", "logwell", "--project", projectNumber, "--wait"].concat([
        "--release",
        release,
        "--url-prefix",
        "~/assets",
        `${built.dir}/assets`,
      ]),
      env,
    );
    expect(upload.code, upload.output).toBe(0);
    const script = readFileSync(path.join(built.dir, built.scriptName), "utf8");
    app.pages.set(`/${built.scriptName}`, { html: script, headers: js });
    served.set(built, script);
    return built;
  }
  const first = await deploy(1);
  const second = await deploy(3);

  // @sentry/browser, no release: only the debug id the injected snippet registered finds the map.
  const script = { path: `/${first.scriptName}`, text: served.get(first) ?? "" };
  await throwCheckoutError(await openSentryShop(app, appContext, project.dsn, script));
  const [sentryEvent] = await waitForEvents((e) => e.message.includes("cannot check out"), 1);
  await expectOriginalFrames(owner, project.id, sentryEvent?.id ?? "");

  // Logwell's script, each deploy in turn: release + URL.
  for (const built of [first, second]) {
    const shop = await openApp({ body: `<script src="/${built.scriptName}"></script>` });
    await shop.waitForFunction(() => "app" in window);
    await throwCheckoutError(shop);
  }
  const events = await waitForEvents((e) => e.stack?.includes("/assets/main-") ?? false, 3);
  const native = events.filter((e) => e.id !== sentryEvent?.id);
  expect(native).toHaveLength(2);
  for (const event of native) {
    const res = await owner.request.get(`/api/v1/logs/${event.id}`);
    const body = (await res.json()) as {
      issue_id: string;
      symbolicated_stack: {
        lines: Array<{
          original?: { function: string; file: string; line: number; context: { lines: string[] } };
        }>;
      };
    };
    const [top] = body.symbolicated_stack.lines.flatMap((l) => (l.original ? [l.original] : []));
    expect(top).toMatchObject({ function: "validateCart", line: 13 });
    expect(top?.file).toMatch(/checkout\.ts$/);
    expect(top?.context.lines).toContain("    throw new CartError(items.length);");
  }
  // Two deploys with different hashes and mangled names: one issue.
  expect(new Set(native.map((e) => e.issue_id)).size).toBe(1);
});
