import { readFileSync } from "node:fs";
import path from "node:path";
import { buildApp, runSentryCli } from "../../integration/sourcemaps/sourcemap-app";
import { expect, test } from "./fixtures";
import { expectOriginalFrames, openSentryShop, throwCheckoutError } from "./shop-app";

// Issue 20 §4 in real Chromium: the esbuild-minified app (tests/fixtures/sourcemaps/app) throws
// on a page of another origin; its maps were uploaded; the event page shows the original
// function, file, line and source lines, and the raw stack behind its toggle. Once with
// @sentry/browser and debug ids (sentry-cli inject), once with Logwell's own script and
// release + URL.

const js = { "content-type": "text/javascript" };

test("@sentry/browser + sentry-cli inject: the event page shows the original frames", async ({
  app,
  appContext,
  owner,
  project,
  baseURL,
  waitForEvents,
}) => {
  const built = await buildApp();
  const inject = await runSentryCli(["sourcemaps", "inject", built.dir], { url: "", token: "" });
  expect(inject.code, inject.output).toBe(0);
  const script = readFileSync(path.join(built.dir, built.scriptName));
  // Uploaded with the owner's session through the plain API (debug ids, no release).
  const form = new FormData();
  form.append("file", new Blob([script]), built.scriptName);
  form.append(
    "file",
    new Blob([readFileSync(path.join(built.dir, `${built.scriptName}.map`))]),
    `${built.scriptName}.map`,
  );
  const upload = await owner.request.post(`/api/v1/projects/${project.id}/sourcemaps`, {
    multipart: form,
    headers: { origin: new URL(baseURL as string).origin },
  });
  expect(upload.status()).toBe(201);

  const page = await openSentryShop(app, appContext, project.dsn, {
    path: `/static/js/${built.scriptName}`,
    text: script.toString("utf8"),
  });
  await throwCheckoutError(page);
  const [event] = await waitForEvents((e) => e.message.includes("cannot check out 3 items"), 1);
  await expectOriginalFrames(owner, project.id, event?.id ?? "");
  await expect(owner.locator('[data-field="stack"]')).toBeHidden();
  await owner.getByText("Raw stack").click();
  await expect(owner.locator('[data-field="stack"]')).toContainText(built.scriptName);
});

test("Logwell's script + release and URL: the API answers the original frames", async ({
  app,
  owner,
  project,
  baseURL,
  openApp,
  waitForEvents,
}) => {
  const built = await buildApp();
  const form = new FormData();
  form.set("release", "9.9.9");
  form.set("url_prefix", "~/static/js");
  for (const name of [built.scriptName, `${built.scriptName}.map`]) {
    form.append("file", new Blob([readFileSync(path.join(built.dir, name))]), name);
  }
  const upload = await owner.request.post(`/api/v1/projects/${project.id}/sourcemaps`, {
    multipart: form,
    headers: { origin: new URL(baseURL as string).origin },
  });
  expect(upload.status()).toBe(201);
  const script = readFileSync(path.join(built.dir, built.scriptName), "utf8");
  app.pages.set(`/static/js/${built.scriptName}`, { html: script, headers: js });
  const page = await openApp({ body: `<script src="/static/js/${built.scriptName}"></script>` });
  await throwCheckoutError(page);
  const [event] = await waitForEvents((e) => e.message.includes("cannot check out 3 items"), 1);
  const res = await owner.request.get(`/api/v1/logs/${event?.id}`);
  const body = (await res.json()) as {
    symbolicated_stack: { lines: Array<{ original?: { function: string; line: number } }> };
  };
  const originals = body.symbolicated_stack.lines.flatMap((l) => (l.original ? [l.original] : []));
  expect(originals.slice(0, 2)).toEqual([
    expect.objectContaining({ function: "validateCart", line: 13 }),
    expect.objectContaining({ function: "checkoutCart", line: 18 }),
  ]);
});
