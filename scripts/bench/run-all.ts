// `npm run bench`: runs every `bench:*` script in package.json, in order, passing arguments on
// (e.g. `npm run bench -- --quick`). New benchmarks join by adding a `bench:<name>` script.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

const scripts = Object.keys(
  (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts,
).filter((name) => name.startsWith("bench:"));
let failed = 0;
for (const name of scripts) {
  console.log(`\n== npm run ${name}`);
  const result = spawnSync("npm", ["run", "--silent", name, "--", ...process.argv.slice(2)], {
    stdio: "inherit",
  });
  if (result.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
