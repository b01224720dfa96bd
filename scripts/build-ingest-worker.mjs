// Bundles the ingest's preparation thread (lib/ingest/prepare/prepare-thread-main.ts) into the build's
// dist dir, where scripts/server.mjs looks for it: `<distDir>/logwell-ingest-worker.mjs`. Run
// by `npm run build` after `next build` (which empties the dist dir). Without it, `npm start`
// prepares every body on the main thread (lib/ingest/prepare/prepare-threads.ts).
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const ingestWorkerFile = "logwell-ingest-worker.mjs";

export async function buildIngestWorker(distDir = process.env.LOGWELL_DIST_DIR || ".next") {
  // Loaded here, not at the top: scripts/server.mjs imports this file for the name alone.
  const esbuild = await import("esbuild");
  await esbuild.build({
    entryPoints: [path.join(root, "lib/ingest/prepare/prepare-thread-main.ts")],
    outfile: path.resolve(root, distDir, ingestWorkerFile),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // The profiler (npm run bench:ingest -- --profile) maps samples back to lib/ through it.
    sourcemap: true,
    logLevel: "warning",
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildIngestWorker();
