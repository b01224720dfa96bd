// `npm run dev`: `next dev` listening on this computer only (127.0.0.1), and saying so to the app
// (LOGWELL_DEV_LOCAL_ONLY): only someone on this machine can reach the first-run setup, so it
// fills in the setup token itself and a newcomer never has to read the server log. To open the
// dev server to other devices, run `npx next dev -H 0.0.0.0`: then setup asks for the token.
import { spawn } from "node:child_process";

const child = spawn(
  process.execPath,
  [
    new URL("../node_modules/next/dist/bin/next", import.meta.url).pathname,
    "dev",
    "-H",
    "127.0.0.1",
    ...process.argv.slice(2),
  ],
  { stdio: "inherit", env: { ...process.env, LOGWELL_DEV_LOCAL_ONLY: "true" } },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
