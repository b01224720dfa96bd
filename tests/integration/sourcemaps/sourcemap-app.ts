import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { runInNewContext } from "node:vm";
import { build } from "esbuild";

// The source-map tests' app (tests/fixtures/sourcemaps/app), built as a deploy would build it:
// bundled, minified, with a hashed file name and an external map. And the real sentry-cli
// from npm, run as a build script runs it.

const appDir = fileURLToPath(new URL("../../fixtures/sourcemaps/app/", import.meta.url));
const sentryCli = fileURLToPath(new URL("../../../node_modules/.bin/sentry-cli", import.meta.url));

export interface BuiltApp {
  dir: string;
  /** The minified script's file name (hashed) and its text. */
  scriptName: string;
}

/**
 * The app as one deploy builds it. A later deploy (`deploy` > 1) adds code of its own before
 * the app's: the bundle's hash and the minifier's names change, as they do between releases.
 */
export async function buildApp(deploy = 1): Promise<BuiltApp> {
  const dir = mkdtempSync(path.join(tmpdir(), "logwell-sourcemap-app-"));
  const result = await build({
    entryPoints: [deployEntry(dir, deploy)],
    outdir: dir,
    entryNames: "[name]-[hash]",
    bundle: true,
    minify: true,
    sourcemap: "external",
    sourcesContent: true,
    format: "iife",
    globalName: "app",
    metafile: true,
    logLevel: "silent",
  });
  const script = Object.keys(result.metafile.outputs).find((f) => f.endsWith(".js"));
  if (!script) throw new Error("esbuild wrote no script");
  return { dir, scriptName: path.basename(script) };
}

/**
 * The app's entry for a deploy: its own main.ts for the first; for a later one, an entry in
 * `dir`/src that adds `deploy - 1` functions before the app's code.
 */
export function deployEntry(dir: string, deploy: number): string {
  if (deploy === 1) return path.join(appDir, "main.ts");
  const src = path.join(dir, "src");
  mkdirSync(src);
  // A module of its own, imported first: bundlers put it before the app's code, so the
  // minifier's names for the app's functions change too.
  const added = Array.from(
    { length: deploy - 1 },
    (_, i) =>
      `export function feature${i}(a: number[], b: string) { return a.map((x) => b + x).join(b); }`,
  );
  writeFileSync(path.join(src, "features.ts"), added.join("\n"));
  const app = JSON.stringify(path.join(appDir, "main.ts"));
  writeFileSync(path.join(src, "main.ts"), `export * from "./features";\nexport * from ${app};\n`);
  return path.join(src, "main.ts");
}

export interface CliRun {
  code: number;
  output: string;
}

/** Runs sentry-cli with SENTRY_URL and SENTRY_AUTH_TOKEN set, as a CI step would. */
export async function runSentryCli(
  args: string[],
  env: { url: string; token: string },
): Promise<CliRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(sentryCli, args, {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        SENTRY_URL: env.url,
        SENTRY_AUTH_TOKEN: env.token,
        SENTRY_LOG_LEVEL: "info",
      } as unknown as NodeJS.ProcessEnv,
      timeout: 60_000,
    });
    return { code: 0, output: stdout + stderr };
  } catch (err) {
    const failed = err as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

/**
 * Runs the built script as a browser would load it from `url` and returns the V8 stack of the
 * error it throws (runCheckout → checkoutCart → validateCart → new CartError).
 */
export function v8StackOf(app: BuiltApp, url: string): string {
  return (errorOf(app, url).error as Error).stack ?? "";
}

/**
 * The error itself, and the debug ids sentry-cli's injected snippet registered in the script's
 * global (what the Sentry SDKs read as `_sentryDebugIds`).
 */
export function errorOf(app: BuiltApp, url: string): { error: unknown; debugIds: unknown } {
  const source = readFileSync(path.join(app.dir, app.scriptName), "utf8");
  const sandbox: Record<string, unknown> = {};
  sandbox.globalThis = sandbox;
  runInNewContext(source, sandbox, { filename: url });
  try {
    (sandbox.app as { runCheckout(): void }).runCheckout();
  } catch (error) {
    return { error, debugIds: sandbox._sentryDebugIds };
  }
  throw new Error("the app did not throw");
}

/** The same frames as Firefox (`fn@url:line:col`) or Safari (`fn@url:line:col`, no "new") write them. */
export function geckoStackOf(v8Stack: string): string {
  const frames: string[] = [];
  for (const line of v8Stack.split("\n")) {
    const m = /^\s+at (?:new )?(?:(\S+) \()?(.+?):(\d+):(\d+)\)?$/.exec(line);
    if (m) frames.push(`${m[1] ?? ""}@${m[2]}:${m[3]}:${m[4]}`);
  }
  return frames.join("\n");
}
