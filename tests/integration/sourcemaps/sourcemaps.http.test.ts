import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projects } from "@/lib/db/schema";
import { backends } from "../../support/db";
import { type ServerSeededWith, startServerSeededWith } from "../../support/seed";
import { cast, type SeededCast, seedCast, signInOverHttp } from "../auth/fixtures";
import { sentryClient } from "../http/sentry/sentry-client";
import { buildApp, errorOf, runSentryCli } from "./sourcemap-app";

// Issue 20 end to end on the production server (`npm start`, a build in LOGWELL_DIST_DIR): the
// real sentry-cli injects and uploads an esbuild-minified app; the real @sentry/node reports
// the app's error with the debug ids the injected snippet registered; the API and the event
// page show the original frames with their source lines; the settings page lists the upload.

const origin = "https://shop.example/static/js";

describe.each(backends())("source maps over HTTP on %s", (backend) => {
  let api: ServerSeededWith<SeededCast & { number: number }>;

  beforeAll(async () => {
    api = await startServerSeededWith(backend, async (db) => {
      const seeded = await seedCast(db);
      const [row] = await db.select().from(projects).where(eq(projects.id, seeded.projectA));
      return { ...seeded, number: row?.number ?? 0 };
    });
  });
  afterAll(async () => {
    await api?.cleanup();
  });

  it("sentry-cli upload, a Sentry SDK error, mapped in the API, the event page and settings", async () => {
    const { server, seeded } = api;
    const app = await buildApp();
    const env = { url: server.url, token: seeded.tokens.admin };
    const inject = await runSentryCli(["sourcemaps", "inject", app.dir], env);
    expect(inject.code, inject.output).toBe(0);
    const upload = await runSentryCli(
      [
        "sourcemaps",
        "upload",
        "--org",
        "logwell",
        "--project",
        String(seeded.number),
        "--wait",
        app.dir,
      ],
      env,
    );
    expect(upload.code, `${upload.output}\n${server.output()}`).toBe(0);

    // The SDK reads the debug ids the injected snippet registered (in the page's global).
    const { error, debugIds } = errorOf(app, `${origin}/${app.scriptName}`);
    (globalThis as { _sentryDebugIds?: unknown })._sentryDebugIds = debugIds;
    const dsn = `${server.url.replace("://", `://${seeded.ingestKeyA}@`)}/${seeded.number}`;
    const sdk = sentryClient(dsn, { release: undefined });
    sdk.scope.captureException(error);
    expect(await sdk.flush()).toBe(true);
    expect(sdk.statuses).toEqual([200]);
    (globalThis as { _sentryDebugIds?: unknown })._sentryDebugIds = undefined;

    const auth = { authorization: `Bearer ${seeded.tokens.admin}` };
    const list = await fetch(`${server.url}/api/v1/logs?project=${seeded.projectA}&limit=1`, {
      headers: auth,
    });
    const [event] = (await list.json()).logs as Array<{
      id: string;
      attributes: Record<string, unknown>;
    }>;
    expect(event?.attributes.debug_meta).toBeDefined();
    const one = await (
      await fetch(`${server.url}/api/v1/logs/${event?.id}`, { headers: auth })
    ).json();
    const mapped = one.symbolicated_stack.lines.filter((l: { original?: unknown }) => l.original);
    expect(mapped.map((l: { original: { function: string } }) => l.original.function)).toEqual([
      "validateCart",
      "checkoutCart",
      "runCheckout",
    ]);

    const cookie = await signInOverHttp(server.url, cast.owner);
    if (!cookie) throw new Error(`sign-in failed:\n${server.output()}`);
    const page = await fetch(`${server.url}/projects/${seeded.projectA}/logs/${event?.id}`, {
      headers: { cookie },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('data-field="symbolicated-stack"');
    expect(html).toContain("validateCart");
    expect(html).toContain("throw new CartError(items.length);");
    expect(html).toContain("Raw stack");
    const settings = await (
      await fetch(`${server.url}/projects/${seeded.projectA}/settings`, { headers: { cookie } })
    ).text();
    expect(settings).toContain('data-testid="sourcemap-upload"');
    expect(settings).toContain(`~/${app.scriptName}`);
  });
});
