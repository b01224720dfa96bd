import { readFileSync, rmSync, writeFileSync } from "node:fs";

export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by process ${pid} (a running Logwell server?). ` +
        "Stop it first, or point this command at the same database through DATABASE_URL.",
    );
    this.name = "DataDirBusyError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite has no lock on its folder and two processes writing it corrupt it, so the server and
 * the CLI take this pid file first. Returns the release function.
 */
export function acquireDataDirLock(dataDir: string): () => Promise<void> {
  const lockFile = `${dataDir}.lock`;
  let holder: number | undefined;
  try {
    holder = Number.parseInt(readFileSync(lockFile, "utf8"), 10);
  } catch {
    holder = undefined;
  }
  if (holder && holder !== process.pid && isAlive(holder)) {
    throw new DataDirBusyError(dataDir, holder);
  }
  writeFileSync(lockFile, String(process.pid));
  const release = () => {
    try {
      if (readFileSync(lockFile, "utf8") === String(process.pid)) rmSync(lockFile);
    } catch {
      // Already gone.
    }
  };
  process.once("exit", release);
  return async () => release();
}
