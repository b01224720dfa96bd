import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { type Database, openDatabase } from "@/lib/db/open";
import { type BackendName, createServerDatabase, dropServerDatabase } from "../../support/db";

export interface CliFolder {
  /** The CLI's environment: its data folder, and the server database on postgres. */
  readonly env: Record<string, string | undefined>;
  readonly dataDir: string;
  /**
   * Opens the CLI's database for `fn` and closes it after: only between CLI runs, since the CLI
   * holds the embedded folder while it runs.
   */
  withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T>;
}

/**
 * A temporary data folder for the real CLI (and a fresh server database on postgres) for the
 * enclosing `describe`, removed after it. Read it inside hooks and tests only.
 */
export function useCliFolder(backend: BackendName, prefix: string): CliFolder {
  let dataDir: string | undefined;
  let serverUrl: string | undefined;
  const current = () => {
    if (!dataDir) throw new Error("useCliFolder: read it inside a hook or a test");
    return dataDir;
  };
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), prefix));
    serverUrl = backend === "postgres" ? await createServerDatabase() : undefined;
  });
  afterAll(async () => {
    if (serverUrl) await dropServerDatabase(serverUrl);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    get env() {
      return { LOGWELL_DATA_DIR: current(), DATABASE_URL: serverUrl };
    },
    get dataDir() {
      return current();
    },
    async withDatabase(fn) {
      const database = await openDatabase(
        serverUrl ? { url: serverUrl } : { dataDir: path.join(current(), "pglite") },
      );
      try {
        return await fn(database);
      } finally {
        await database.close();
      }
    },
  };
}
