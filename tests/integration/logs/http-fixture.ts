import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createAdminToken } from "@/lib/auth/admin-tokens";
import { type Database, type Db, migrateDatabase, openDatabase } from "@/lib/db/open";
import { createProject } from "@/lib/projects/create-project";
import { type BackendName, createServerDatabase, dropServerDatabase } from "../../support/db";
import { startServer, type TestServer } from "../../support/server";

/** `next start` on a database seeded first (PGlite's folder is locked while the server runs). */
export interface ReadApiServer {
  server: TestServer;
  cleanup(): Promise<void>;
}

export async function startReadApiServer<T>(
  backend: BackendName,
  seed: (db: Db) => Promise<T>,
  env: Record<string, string> = {},
): Promise<ReadApiServer & { seeded: T }> {
  const url = backend === "postgres" ? await createServerDatabase() : undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), "logwell-read-"));
  const database: Database = url
    ? await openDatabase({ url, driver: "pg" })
    : await openDatabase({ dataDir: path.join(dataDir, "pglite") });
  let seeded: T;
  try {
    if (url) await migrateDatabase(database);
    seeded = await seed(database.db);
  } finally {
    await database.close();
  }
  const server = await startServer({
    dataDir,
    env: { ...env, ...(url ? { DATABASE_URL: url } : {}) },
  });
  return {
    server,
    seeded,
    async cleanup() {
      await server.stop();
      if (url) await dropServerDatabase(url);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export { createAdminToken, createProject };

/** A small RFC 4180 parser (quoted fields, doubled quotes, CRLF inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
