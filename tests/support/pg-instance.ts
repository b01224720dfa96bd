import { execFile, execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "./server";

/**
 * A throwaway PostgreSQL cluster for fault tests (TC-22…24): its own data folder and port, so a
 * test can stop, crash and restart it without touching the shared server on 5432.
 */
export interface PgInstance {
  port: number;
  dataDir: string;
  /** URL of a database on this instance (default `postgres`). */
  url(database?: string): string;
  /** `pg_ctl stop -m fast` (clean, disconnects clients) or `-m immediate` (crash, recovery on start). */
  stop(mode?: "fast" | "immediate"): Promise<void>;
  start(): Promise<void>;
  isRunning(): boolean;
  /** Stops it (immediate) and deletes its folder. Safe to call twice. */
  destroy(): Promise<void>;
  /** Server log so far, for failure messages. */
  log(): string;
}

/** Debian keeps server binaries outside PATH; PG_BIN overrides. */
export function postgresBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(path.join(root, v, "bin", "initdb")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], "bin");
  }
  return path.dirname(execFileSync("which", ["initdb"], { encoding: "utf8" }).trim());
}

const isRoot = () => process.getuid?.() === 0;

// initdb refuses to run as root: as root, run the server binaries as the postgres user.
// Asynchronous, so a load generator in the same process keeps sending while pg_ctl waits.
async function runAsOwner(binary: string, args: string[]): Promise<string> {
  const [command, argv] = isRoot()
    ? ["runuser", ["-u", "postgres", "--", binary, ...args]]
    : [binary, args];
  try {
    const { stdout } = await promisify(execFile)(command, argv, { timeout: 90_000 });
    return stdout;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `${path.basename(binary)} ${args.join(" ")} failed: ${e.message}\n${e.stdout ?? ""}${e.stderr ?? ""}`,
    );
  }
}

function ownerIds(): { uid: number; gid: number } {
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  return { uid, gid };
}

export async function startPgInstance(): Promise<PgInstance> {
  const bin = postgresBinDir();
  const root = mkdtempSync(path.join(tmpdir(), "logwell-pg-"));
  if (isRoot()) {
    const { uid, gid } = ownerIds();
    chownSync(root, uid, gid);
  }
  const dataDir = path.join(root, "data");
  const logFile = path.join(root, "server.log");
  const port = await freePort();
  await runAsOwner(path.join(bin, "initdb"), [
    "-D",
    dataDir,
    "-U",
    "postgres",
    "-A",
    "trust",
    "-E",
    "UTF8",
    "--no-sync",
    "--no-instructions",
  ]);
  // The socket lives in our own folder: /var/run/postgresql belongs to the shared server.
  const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -k ${root} -c max_connections=40`;
  let running = false;
  const instance: PgInstance = {
    port,
    dataDir,
    url: (database = "postgres") => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async start() {
      await runAsOwner(path.join(bin, "pg_ctl"), [
        "start",
        "-w",
        "-t",
        "60",
        "-D",
        dataDir,
        "-l",
        logFile,
        "-o",
        serverOptions,
      ]);
      running = true;
    },
    async stop(mode = "fast") {
      await runAsOwner(path.join(bin, "pg_ctl"), [
        "stop",
        "-w",
        "-t",
        "60",
        "-m",
        mode,
        "-D",
        dataDir,
      ]);
      running = false;
    },
    isRunning: () => running,
    async destroy() {
      if (running) {
        try {
          await instance.stop("immediate");
        } catch {
          // Already gone; the folder is removed either way.
        }
      }
      rmSync(root, { recursive: true, force: true });
    },
    log: () => (existsSync(logFile) ? readFileSync(logFile, "utf8") : ""),
  };
  try {
    await instance.start();
  } catch (err) {
    rmSync(root, { recursive: true, force: true });
    throw err;
  }
  return instance;
}
