import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");
const script = path.resolve("scripts/logwell.ts");

/** Runs the real CLI (`npm run logwell -- ...` without npm's own noise) as a child process. */
export function runCli(
  args: string[],
  env: Record<string, string | undefined>,
  /** Written to the CLI's stdin (then closed). */
  input?: string,
): Promise<CliResult> {
  const childEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries({
    ...process.env,
    DATABASE_URL: undefined,
    POSTGRES_URL: undefined,
    VERCEL: undefined,
    ...env,
  })) {
    if (v !== undefined) childEnv[k] = v;
  }
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [tsxCli, script, ...args],
      { env: childEnv as NodeJS.ProcessEnv, timeout: 120_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(input ?? "");
  });
}
