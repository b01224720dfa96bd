import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { type Database, migrateDatabase, openDatabase } from "@/lib/db/open";

export type BackendName = "pglite" | "postgres";

/**
 * Backends every storage test runs on: embedded PGlite always, and the server Postgres when
 * TEST_DATABASE_URL is set (CI sets it). Use with `describe.each(backends())`.
 */
export function backends(): BackendName[] {
  return process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

export interface TestDatabase extends Database {
  /** Postgres URL of the throwaway database (undefined on PGlite). */
  url?: string;
}

/** A fresh, migrated database: in-memory PGlite, or a new database on the server. */
export async function createTestDatabase(backend: BackendName): Promise<TestDatabase> {
  if (backend === "pglite") return openDatabase({ dataDir: "memory://" });
  const url = await createServerDatabase();
  const database = await openDatabase({ url, driver: "pg" });
  await migrateDatabase(database);
  return {
    ...database,
    url,
    close: async () => {
      await database.close();
      await dropServerDatabase(url);
    },
  };
}

/** Creates an empty database beside TEST_DATABASE_URL's and returns its URL. */
export async function createServerDatabase(): Promise<string> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DATABASE_URL is not set");
  const name = `logwell_test_${randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropServerDatabase(url: string): Promise<void> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return;
  const name = new URL(url).pathname.slice(1);
  const admin = new Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
