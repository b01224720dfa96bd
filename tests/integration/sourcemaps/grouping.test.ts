import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { queryRows } from "@/lib/db/query";
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
// by its minified frames. Events that arrived before the upload keep their issue, and later
// events of the error join it (docs/issues.md → Original frames).

const origin = "https://shop.example/static/js";

/** The app's own frame lines of a stack (the test runner's frames are not the app's). */
const appFrames = (stack: string) => stack.split("\n").filter((l) => l.includes("shop.example"));

describe.each(backends())("grouping with source maps (%s)", (backend) => {
  const database = useTestDatabase(backend);
  const host = useUploadHost(database);
  beforeEach(() => parsedMapCache.clear());

  const newProject = () => seedProject(database.db, unlimitedRates);

  const cliEnv = () => ({ url: host.url, token: host.token });

  /** A build with its debug ids injected, served but its maps not uploaded yet. */
  async function build(n: number): Promise<BuiltApp> {
    const app = await buildApp(n);
    const inject = await runSentryCli(["sourcemaps", "inject", app.dir], cliEnv());
    expect(inject.code, inject.output).toBe(0);
    return app;
  }

  async function upload(project: SeededProject, app: BuiltApp, args: string[]) {
    const run = await runSentryCli(
      ["sourcemaps", "upload", "--org", "logwell", "--project", String(project.number)]
        .concat(args)
        .concat(app.dir),
      cliEnv(),
    );
    expect(run.code, run.output).toBe(0);
  }

  async function deploy(project: SeededProject, n: number, args: string[]): Promise<BuiltApp> {
    const app = await build(n);
    await upload(project, app, args);
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

  it("events before the upload keep their issue: later events of every deploy join it (alias)", async () => {
    const project = await newProject();
    const first = await build(1);
    // Served before its maps: keyed by the minified frames (issue M).
    await sendSentry(project, sentryEvent(first, "a".repeat(32)));
    await sendSentry(project, sentryEvent(first, "b".repeat(32)));
    const [minified] = await issuesOf(database.db, project.id);
    expect(minified?.culprit).not.toBe("validateCart (checkout.ts)");

    await upload(project, first, []);
    // The same deploy after the upload (two requests racing to make the alias), then a second
    // deploy (new hash, new names).
    await Promise.all([
      sendSentry(project, sentryEvent(first, "c".repeat(32))),
      sendSentry(project, sentryEvent(first, "9".repeat(32))),
    ]);
    const second = await deploy(project, 3, []);
    await sendSentry(project, sentryEvent(second, "d".repeat(32)));
    await sendSentry(project, sentryEvent(second, "e".repeat(32)));
    expect(await issuesOf(database.db, project.id)).toEqual([{ ...minified, event_count: 6 }]);
    const aliases = () =>
      queryRows<{ issue_id: string }>(
        database.db,
        sql`select issue_id::text from issue_aliases where project_id = ${project.id}`,
      );
    expect(await aliases()).toEqual([{ issue_id: minified?.id }]);

    // An error first seen after the upload: its original-frames issue, as without aliases.
    const other = sentryEvent(second, "f".repeat(32));
    const exception = other.exception.values[0] as { type: string };
    exception.type = "PaymentError";
    await sendSentry(project, other);
    const issues = await issuesOf(database.db, project.id);
    expect(issues).toHaveLength(2);
    expect(issues[1]).toMatchObject({
      title: "PaymentError: cannot check out 3 items",
      culprit: "validateCart (checkout.ts)",
      event_count: 1,
    });
    await expectIssuesTrue(database.db, project.id);

    // An issue deleted (as the prune deletes one with no events left) takes its aliases along.
    await queryRows(database.db, sql`delete from issues where id = ${minified?.id}::bigint`);
    expect(await aliases()).toEqual([]);
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
