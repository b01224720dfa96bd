// Builds the browser SDK from sdk/src (TypeScript) with esbuild:
//   public/logwell.js   script tag (IIFE), served by every deployment
//   public/logwell.mjs  ES module + public/logwell.d.ts, served by every deployment
//   sdk/dist/           the npm package's module (endpoint required) and the same types
// Run by `npm run build` before `next build` and by `npm run dev`. Outputs are not committed.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import ts from "typescript";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const source = path.join(root, "sdk/src");

/** Shared by this script and the size test (tests/unit/sdk/bundle.test.ts). */
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

/** served.ts for public/logwell.mjs, index.ts (endpoint required) for the npm package. */
async function buildModule(entry) {
  const result = await esbuild.build({
    ...scriptTagOptions,
    entryPoints: [path.join(source, entry)],
    format: "esm",
  });
  return result.outputFiles[0].contents;
}

/** What the package exports: index.ts's own declarations and what it re-exports. */
const PUBLIC_NAMES = new Set(["init", "log", "setUser", "setContext", "flush", "LogMethods"]);

/** Top-level declarations of a .d.ts, except imports, re-exports and `report`-like internals. */
function declarations(text, keep) {
  const file = ts.createSourceFile("x.d.ts", text, ts.ScriptTarget.ES2022, true);
  return file.statements
    .filter((statement) => {
      if (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) return false;
      const name = ts.isVariableStatement(statement)
        ? statement.declarationList.declarations[0]?.name.getText(file)
        : statement.name?.getText(file);
      return keep(name);
    })
    .map((statement) => statement.getFullText(file).trim())
    .join("\n");
}

/** How the SDK's types are checked: here for its .d.ts, and by the test that compiles a user. */
export const sdkCompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
  skipLibCheck: true,
  types: [],
};

/** One self-contained .d.ts for the ES module: public types and functions, nothing internal. */
export function buildTypes() {
  const emitted = new Map();
  const program = ts.createProgram([path.join(source, "index.ts")], {
    ...sdkCompilerOptions,
    declaration: true,
    emitDeclarationOnly: true,
  });
  program.emit(undefined, (file, text) => emitted.set(path.basename(file, ".d.ts"), text));
  return [
    "// Logwell browser SDK types (generated from sdk/src by scripts/build-sdk.mjs).",
    declarations(emitted.get("types"), () => true),
    // client.ts also declares its own init (with a required endpoint) and report: not public.
    declarations(emitted.get("client"), (name) => PUBLIC_NAMES.has(name) && name !== "init"),
    declarations(emitted.get("index"), (name) => PUBLIC_NAMES.has(name)),
    "",
  ].join("\n");
}

export async function buildSdk() {
  const [scriptTag, servedModule, packageModule] = await Promise.all([
    buildScriptTag(),
    buildModule("served.ts"),
    buildModule("index.ts"),
  ]);
  const types = buildTypes();
  const outputs = {
    "public/logwell.js": scriptTag,
    "public/logwell.mjs": servedModule,
    "public/logwell.d.ts": types,
    "sdk/dist/logwell.mjs": packageModule,
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
