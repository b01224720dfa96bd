import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { withRequestContext } from "@/lib/http/request-context";
import { ingest } from "@/lib/ingest/ingest";
import { sentryEnvelopeProtocol } from "@/lib/ingest/protocols/sentry";
import { parsedMapCache } from "@/lib/sourcemaps/read/parsed-maps";
import { backends } from "../../support/db";
import { type SeededProject, seedProject, unlimitedRates } from "../../support/seed";
import { useTestDatabase } from "../../support/use-database";
import { postLogs } from "../ingest/post-helper";
import { expectIssuesTrue, issuesOf } from "../issues/issue-truth";
import { corruptMapFiles, sourceBundle, uploadBundle } from "./sentry-protocol";
import { useUploadHost } from "./sentry-upload-target";
import { type BuiltApp, buildApp, runSentryCli, v8StackOf } from "./sourcemap-app";

// Issue 20 §2: with the maps uploaded before the errors arrive, grouping reads the original
// frames, so two deploys of one app (new bundle hash, new mangled names) land in one issue;
// without maps they are two. A corrupt map never fails the ingest answer: the event is grouped
// by its minified frames.

const origin = "https://shop.example/static/js";

/** The app's own frame lines of a stack (the test runner's frames are not the app's). */
const appFrames = (stack: string) => stack.split("\n").filter((l) => l.includes("shop.example"));

describe.each(backends())("grouping with source maps (%s)", (backend) => {
  const database = useTestDatabase(backend);
  const host = useUploadHost(database);
  beforeEach(() => parsedMapCache.clear());

  const newProject = () => seedProject(database.db, unlimitedRates);

  async function deploy(project: SeededProject, n: number, args: string[]): Promise<BuiltApp> {
    const app = await buildApp(n);
    const env = { url: host.url, token: host.token };
    const inject = await runSentryCli(["sourcemaps", "inject", app.dir], env);
    expect(inject.code, inject.output).toBe(0);
    const upload = await runSentryCli(
      ["sourcemaps", "upload", "--org", "logwell", "--project", String(project.number)]
        .concat(args)
        .concat(app.dir),
      env,
    );
    expect(upload.code, upload.output).toBe(0);
    return app;
  }

  /** The app's error as @sentry/browser reports it: frames caller first, the debug id's image. */
  function sentryEvent(app: BuiltApp, eventId: string) {
    const url = `${origin}/${app.scriptName}`;
    const debugId = /debugId=([0-9a-f-]{36})/.exec(
      readFileSync(`${app.dir}/${app.scriptName}`, "utf8"),
    )?.[1];
    const frames = appFrames(v8StackOf(app, url))
      .map((line) => {
        const m = /at (?:Object\.)?(\S+) \((.+):(\d+):(\d+)\)$/.exec(line);
        if (!m) throw new Error(`unexpected frame ${line}`);
        const [, fn, file, lineno, colno] = m;
        return {
          function: fn,
          filename: file,
          abs_path: file,
          lineno: Number(lineno),
          colno: Number(colno),
          in_app: true,
        };
      })
      .reverse();
    return {
      event_id: eventId,
      level: "error",
      platform: "javascript",
      exception: {
        values: [{ type: "CartError", value: "cannot check out 3 items", stacktrace: { frames } }],
      },
      debug_meta: { images: [{ type: "sourcemap", code_file: url, debug_id: debugId }] },
    };
  }

  async function sendSentry(project: SeededProject, event: Record<string, unknown>) {
    const body = ["{}", JSON.stringify({ type: "event" }), JSON.stringify(event)].join("\n");
    const request = new Request(
      `http://localhost/api/${project.number}/envelope/?sentry_key=${project.key}`,
      { method: "POST", body },
    );
    const res = await withRequestContext(request, (ctx) =>
      ingest(ctx, sentryEnvelopeProtocol, { db: database.db }),
    );
    expect(res.status).toBe(200);
  }

  /** The app's error as Logwell's own script sends it: the stack text and the release. */
  async function sendNative(project: SeededProject, app: BuiltApp, release: string) {
    const stack = v8StackOf(app, `${origin}/${app.scriptName}`);
    const event = {
      level: "error",
      message: "cannot check out 3 items",
      release,
      stack: [stack.split("\n")[0], ...appFrames(stack)].join("\n"),
    };
    const res = await postLogs(database.db, JSON.stringify(event), { key: project.key });
    expect(res.status).toBe(202);
  }

  it("two deploys' Sentry events (debug ids) land in one issue named by the original frames", async () => {
    const project = await newProject();
    const first = await deploy(project, 1, []);
    const second = await deploy(project, 3, []);
    // Different bundle hashes and mangled names: their minified frames share nothing.
    expect(first.scriptName).not.toBe(second.scriptName);
    const one = sentryEvent(first, "a".repeat(32));
    const two = sentryEvent(second, "b".repeat(32));
    const names = (e: typeof one) =>
      e.exception.values[0]?.stacktrace.frames.map((f) => f.function);
    expect(names(one)).not.toEqual(names(two));

    await sendSentry(project, one);
    await sendSentry(project, two);
    await sendSentry(project, sentryEvent(second, "c".repeat(32)));
    const issues = await issuesOf(database.db, project.id);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      title: "CartError: cannot check out 3 items",
      culprit: "validateCart (checkout.ts)",
      event_count: 3,
    });
    await expectIssuesTrue(database.db, project.id);

    // The same events in a project without maps: one issue per deploy.
    const unmapped = await newProject();
    await sendSentry(unmapped, { ...one, event_id: "d".repeat(32) });
    await sendSentry(unmapped, { ...two, event_id: "e".repeat(32) });
    expect(await issuesOf(database.db, unmapped.id)).toHaveLength(2);
  });

  it("two deploys' native events (release + URL) land in one issue", async () => {
    const project = await newProject();
    const args = (release: string) => ["--release", release, "--url-prefix", "~/static/js"];
    const first = await deploy(project, 1, args("shop@1"));
    const second = await deploy(project, 3, args("shop@2"));
    await sendNative(project, first, "shop@1");
    await sendNative(project, second, "shop@2");
    const issues = await issuesOf(database.db, project.id);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ culprit: "validateCart (checkout.ts)", event_count: 2 });
    await expectIssuesTrue(database.db, project.id);
  });

  it("a corrupt map: the event is stored and grouped by its minified frames", async () => {
    const project = await newProject();
    const bundle = sourceBundle(corruptMapFiles, { release: "broken@1" });
    expect((await uploadBundle(host.url, host.token, project.id, bundle)).state).toBe("ok");
    const stack = ["TypeError: x is not a function", `    at a (${origin}/bad.js:1:1)`].join("\n");
    const event = { level: "error", message: "x is not a function", release: "broken@1", stack };
    const res = await postLogs(database.db, JSON.stringify(event), { key: project.key });
    expect(res.status).toBe(202);
    const issues = await issuesOf(database.db, project.id);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.culprit).toBe("a (bad.js)");
  });
});
