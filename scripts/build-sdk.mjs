// Builds the browser SDK from sdk/src (TypeScript) with esbuild:
//   public/logwell.js   script tag (IIFE), served by every deployment
//   public/logwell.mjs  ES module + public/logwell.d.ts, served by every deployment
//   sdk/dist/           the same module and types for the npm package in sdk/
// Run by `npm run build` before `next build` and by `npm run dev`. Outputs are not committed.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import ts from "typescript";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const source = path.join(root, "sdk/src");

/** Shared by this script and the size test (tests/unit/sdk/size.test.ts). */
export const scriptTagOptions = {
  entryPoints: [path.join(source, "script-tag.ts")],
  bundle: true,
  format: "iife",
  minify: true,
  target: "es2022",
  legalComments: "none",
  // The bundle is a module-free IIFE: no "use strict" prologue needed (11 bytes on every page).
  tsconfigRaw: { compilerOptions: { alwaysStrict: false, strict: false } },
  write: false,
};

export async function buildScriptTag() {
  const result = await esbuild.build(scriptTagOptions);
  return result.outputFiles[0].contents;
}

async function buildModule() {
  const result = await esbuild.build({
    ...scriptTagOptions,
    entryPoints: [path.join(source, "index.ts")],
    format: "esm",
  });
  return result.outputFiles[0].contents;
}

/** One self-contained .d.ts: the declarations of every module, with local imports removed. */
export function buildTypes() {
  const emitted = new Map();
  const program = ts.createProgram([path.join(source, "index.ts")], {
    declaration: true,
    emitDeclarationOnly: true,
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
    skipLibCheck: true,
  });
  program.emit(undefined, (file, text) => emitted.set(path.basename(file, ".d.ts"), text));
  const wanted = ["types", "client", "index"];
  return `// Logwell browser SDK types (generated from sdk/src by scripts/build-sdk.mjs).\n${wanted
    .map((name) =>
      emitted
        .get(name)
        .replace(/^import .*$/gm, "")
        .replace(/^export (\{[^}]*\}|type \{[^}]*\}) from .*$/gm, "")
        .replace(/^export \{\};?$/gm, ""),
    )
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")}`;
}

export async function buildSdk() {
  const [scriptTag, module] = await Promise.all([buildScriptTag(), buildModule()]);
  const types = buildTypes();
  const outputs = {
    "public/logwell.js": scriptTag,
    "public/logwell.mjs": module,
    "public/logwell.d.ts": types,
    "sdk/dist/logwell.mjs": module,
    "sdk/dist/logwell.d.ts": types,
  };
  for (const [file, contents] of Object.entries(outputs)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), contents);
  }
  return { scriptTagGzipBytes: gzipSync(scriptTag, { level: 9 }).length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { scriptTagGzipBytes } = await buildSdk();
  console.log(`SDK built: public/logwell.js is ${scriptTagGzipBytes} bytes gzipped (budget 3072).`);
}
