import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The real production server on loopback for HTTP contract tests: `npm start` (scripts/server.mjs
 * around Next), or plain `next start` with plainNextStart. Needs a production build in the dist
 * dir (`npm run build`, or `LOGWELL_DIST_DIR=.next-x npm run build` for a parallel one): tests
 * never build by themselves, so a stale build is the runner's choice, not a hidden cost.
 */
export interface TestServer {
  url: string;
  port: number;
  /** The server process (with LOGWELL_PROCESSES > 1, the supervisor of the serving ones). */
  pid: number;
  /** Server stdout+stderr so far (JSON logs), for assertions and failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Extra environment; by default the server gets its own fresh PGlite folder. */
  env?: Record<string, string | undefined>;
  /** Keep this folder (PGlite data) instead of a new temporary one. */
  dataDir?: string;
  /** Listen on this port instead of a free one (Playwright needs the URL before setup runs). */
  port?: number;
  /** How long to wait for /api/health to answer at all. */
  timeoutMs?: number;
  /**
   * Plain `next start` instead of `npm start`'s server: no direct lane, no socket address (what
   * the standalone build and `next start` deployments run).
   */
  plainNextStart?: boolean;
}

const serverScript = fileURLToPath(new URL("../../scripts/server.mjs", import.meta.url));
const nextBin = fileURLToPath(new URL("../../node_modules/next/dist/bin/next", import.meta.url));

export function distDir(): string {
  return process.env.LOGWELL_DIST_DIR || ".next";
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  if (!existsSync(path.join(distDir(), "BUILD_ID"))) {
    throw new Error(`No production build in ${distDir()}: run \`npm run build\` first.`);
  }
  const port = options.port ?? (await freePort());
  const ownDataDir = options.dataDir ? undefined : mkdtempSync(path.join(tmpdir(), "logwell-"));
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    LOGWELL_DATA_DIR: options.dataDir ?? ownDataDir,
    AUTH_SECRET: "test-secret-test-secret-test-secret-0123456789",
    AUTH_TRUST_HOST: "true",
    LOG_LEVEL: "info",
    // The server under test must not inherit the test runner's own database settings.
    DATABASE_URL: undefined,
    POSTGRES_URL: undefined,
    REDIS_URL: undefined,
    ...options.env,
  })) {
    if (v !== undefined) env[k] = v;
  }
  let output = "";
  // The same server `npm start` runs (scripts/server.mjs: Next behind the client-IP and
  // slow-request guards), so HTTP tests see what self-hosted deployments see.
  const listen = ["-H", "127.0.0.1", "-p", String(port)];
  const child: ChildProcess = spawn(
    process.execPath,
    options.plainNextStart ? [nextBin, "start", ...listen] : [serverScript, ...listen],
    { env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          child.kill("SIGKILL");
          resolve();
        }, 5_000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the server exited with ${child.exitCode}:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/api/health`);
      // 503 means "up, database degraded": the caller decides whether that is expected.
      if (res.status === 200 || res.status === 503) {
        return { url, port, pid: child.pid ?? 0, output: () => output, stop };
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`next start did not answer /api/health in time:\n${output}`);
}
