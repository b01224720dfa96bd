// `npm run build`: the production build. Later steps (SDK bundle, Vercel migrations) hook in here.
import { spawnSync } from "node:child_process";

function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run("node", ["scripts/build-sdk.mjs"]); // public/logwell.js, .mjs, .d.ts (not committed)
run("npx", ["next", "build"]);
