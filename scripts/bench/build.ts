import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Builds the app (and its ingest worker bundle) into its own dist dir (never `.next`: other servers may run from it). `next
 * build` appends its dist dir's type folders to tsconfig.json; that edit is undone afterwards.
 */
export function buildInto(distDir: string): void {
  const tsconfig = path.resolve("tsconfig.json");
  const before = readFileSync(tsconfig, "utf8");
  try {
    const result = spawnSync("npx", ["next", "build"], {
      stdio: "inherit",
      env: { ...process.env, LOGWELL_DIST_DIR: distDir },
    });
    if (result.status !== 0) throw new Error(`next build into ${distDir} failed`);
    // The ingest's preparation-thread bundle, as `npm run build` makes it (scripts/build.mjs).
    const worker = spawnSync("node", ["scripts/build-ingest-worker.mjs"], {
      stdio: "inherit",
      env: { ...process.env, LOGWELL_DIST_DIR: distDir },
    });
    if (worker.status !== 0) throw new Error(`ingest worker build into ${distDir} failed`);
  } finally {
    if (readFileSync(tsconfig, "utf8") !== before) writeFileSync(tsconfig, before);
  }
}

export function hasBuild(distDir: string): boolean {
  return existsSync(path.join(distDir, "BUILD_ID"));
}
