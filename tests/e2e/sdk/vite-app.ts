import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { build } from "vite";
import { type BuiltApp, deployEntry } from "../../integration/sourcemaps/sourcemap-app";

// The source-map tests' app (tests/fixtures/sourcemaps/app) built by Vite as a production
// build does (Rolldown bundles, Oxc minifies, hashed file names under assets/, external maps),
// as an IIFE that sets window.app. `dir` is the output folder, the one sentry-cli is run on.

export async function buildWithVite(deploy = 1): Promise<BuiltApp> {
  const root = mkdtempSync(path.join(tmpdir(), "logwell-vite-app-"));
  const dir = path.join(root, "dist");
  await build({
    root,
    configFile: false,
    logLevel: "silent",
    build: {
      outDir: dir,
      minify: true,
      sourcemap: true,
      rollupOptions: {
        input: deployEntry(root, deploy),
        // An app build drops an entry's exports; the page calls app.runCheckout().
        preserveEntrySignatures: "strict",
        output: { format: "iife", name: "app", entryFileNames: "assets/[name]-[hash].js" },
      },
    },
  });
  const script = readdirSync(path.join(dir, "assets")).find((f) => f.endsWith(".js"));
  if (!script) throw new Error("vite wrote no script");
  return { dir, scriptName: `assets/${script}` };
}
