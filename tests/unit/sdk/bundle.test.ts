// The built SDK: the script-tag bundle's size budget, and the published types.
import { gzipSync } from "node:zlib";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { buildScriptTag, buildTypes, sdkCompilerOptions } from "../../../scripts/build-sdk.mjs";

const BUDGET_BYTES = 3072;

describe("SDK bundle", () => {
  it(`script tag build is at most ${BUDGET_BYTES} bytes minified and gzipped`, async () => {
    const bundle = await buildScriptTag();
    const gzipped = Math.max(gzipSync(bundle).length, gzipSync(bundle, { level: 9 }).length);
    console.log(`public/logwell.js: ${bundle.length} bytes minified, ${gzipped} gzipped`);
    expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
    // No dependency sneaked in: the bundle is our own code only.
    expect(new TextDecoder().decode(bundle)).not.toMatch(/node_modules|require\(/);
  }, 60_000);

  it("ships one self-contained .d.ts that a TypeScript app can compile against", () => {
    const types = buildTypes();
    expect(types).not.toMatch(/\breport\b|endpoint: string;/); // internals stay internal
    const files: Record<string, string> = {
      "/logwell.d.ts": types,
      "/app.ts": `
        import { init, log, setUser, setContext, flush, type LogEvent } from "./logwell";
        init({ key: "lw_pub_x", release: "1.0.0", console: ["error"], network: true,
          beforeSend: (event: LogEvent) => (event.level === "debug" ? null : event) });
        log.error("checkout failed", { cart: 3 });
        setUser({ id: "u1" });
        setContext("flags", { beta: true });
        const done: Promise<void> = flush();
        // @ts-expect-error the key is required
        init({ release: "1.0.0" });
        // @ts-expect-error levels are a closed set
        log.verbose("nope");
        void done;
      `,
    };
    const options: ts.CompilerOptions = { ...sdkCompilerOptions, noEmit: true };
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    host.readFile = (name) => files[name] ?? readFile(name);
    host.fileExists = (name) => name in files || ts.sys.fileExists(name);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, version) => {
      const text = files[name];
      return text === undefined
        ? getSourceFile(name, version)
        : ts.createSourceFile(name, text, version);
    };
    const program = ts.createProgram(["/app.ts"], options, host);
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(diagnostics).toEqual([]);
  });
});
