// `npm run build`: the production build, in order: the browser SDK, migrations (on Vercel only),
// `next build`, then the ingest's preparation-thread bundle into the dist dir next build made.
import { spawnSync } from "node:child_process";

function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run("node", ["scripts/build-sdk.mjs"]); // public/logwell.js, .mjs, .d.ts (not committed)
// On Vercel with a server database, apply pending migrations before the new code can go live (a
// failure stops the deploy); elsewhere this prints "skipped": self-hosted servers migrate at start.
run("npx", ["tsx", "scripts/logwell.ts", "migrate", "--before-build"]);
run("npx", ["next", "build"]);
run("node", ["scripts/build-ingest-worker.mjs"]); // into the dist dir next build just emptied
