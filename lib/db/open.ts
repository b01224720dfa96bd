import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { databaseUrl, env } from "@/lib/env";
import { enableCopy } from "./copy";
import { acquireDataDirLock } from "./data-dir-lock";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DriverKind = "pglite" | "pg" | "neon";

export interface Database {
  db: Db;
  kind: DriverKind;
  close(): Promise<void>;
}

export interface OpenOptions {
  url?: string;
  driver?: DriverKind;
  /** PGlite folder; "memory://" for an in-memory database (tests). */
  dataDir?: string;
  /** Apply drizzle/ migrations after opening (always done for PGlite). */
  migrate?: boolean;
}

export const migrationsFolder = path.join(process.cwd(), "drizzle");

/** Neon's own hosts (and Vercel's Neon integration) speak WebSocket/HTTP, not plain TCP. */
export function chooseDriver(url: string | undefined, forced?: DriverKind): DriverKind {
  if (forced) return forced;
  if (!url) return "pglite";
  try {
    const host = new URL(url).hostname;
    if (host.endsWith(".neon.tech") || host.endsWith(".neon.build")) return "neon";
  } catch {
    // Not a URL node-postgres cannot parse either; let pg report it.
  }
  return "pg";
}

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  const url = options.url ?? databaseUrl();
  const kind = chooseDriver(url, options.driver ?? env().DATABASE_DRIVER);
  const database =
    kind === "pglite"
      ? await openPglite(options.dataDir ?? path.join(env().LOGWELL_DATA_DIR, "pglite"))
      : kind === "neon"
        ? await openNeon(requireUrl(url))
        : await openPg(requireUrl(url));
  if (kind === "pglite" || options.migrate) await migrateDatabase(database);
  return database;
}

function requireUrl(url: string | undefined): string {
  if (!url) throw new Error("DATABASE_DRIVER needs DATABASE_URL (or POSTGRES_URL) to be set");
  return url;
}

async function openPglite(dataDir: string): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const inMemory = dataDir.startsWith("memory://");
  let release = async () => {};
  if (!inMemory) {
    // PGlite does not create parent folders, and two processes on one folder corrupt it.
    mkdirSync(path.dirname(dataDir), { recursive: true });
    release = acquireDataDirLock(dataDir);
  }
  try {
    const client = await PGlite.create(inMemory ? undefined : dataDir);
    const db = drizzle({ client, schema }) as unknown as Db;
    return {
      db,
      kind: "pglite",
      close: async () => {
        await client.close();
        await release();
      },
    };
  } catch (err) {
    await release();
    throw err;
  }
}

async function openPg(url: string): Promise<Database> {
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const pool = new Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5_000,
    // A runaway query must not hold a connection forever (threat QRY-5).
    statement_timeout: 30_000,
  });
  // An idle client losing its connection emits 'error' on the pool; unhandled, it kills the process.
  pool.on("error", () => {});
  const db = drizzle({ client: pool, schema }) as unknown as Db;
  enableCopy(db, pool);
  return { db, kind: "pg", close: () => pool.end() };
}

async function openNeon(url: string): Promise<Database> {
  const { Pool, neonConfig } = await import("@neondatabase/serverless");
  const { drizzle } = await import("drizzle-orm/neon-serverless");
  if (!neonConfig.webSocketConstructor) {
    // Node 20 has no global WebSocket.
    neonConfig.webSocketConstructor = (await import("ws")).default;
  }
  const pool = new Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000 });
  pool.on("error", () => {});
  const db = drizzle({ client: pool, schema }) as unknown as Db;
  return { db, kind: "neon", close: () => pool.end() };
}

/** Applies drizzle/ migrations, then makes sure the coming days' `logs` partitions exist. */
export async function migrateDatabase(database: Database): Promise<void> {
  await applyMigrations(database);
  const { ensureLogPartitions } = await import("./partitions/ensure");
  await ensureLogPartitions(database.db, new Date());
}

async function applyMigrations(database: Database): Promise<void> {
  const config = { migrationsFolder };
  if (database.kind === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    // biome-ignore lint/suspicious/noExplicitAny: each migrator wants its own driver's db type
    await migrate(database.db as any, config);
  } else if (database.kind === "neon") {
    const { migrate } = await import("drizzle-orm/neon-serverless/migrator");
    // biome-ignore lint/suspicious/noExplicitAny: see above
    await migrate(database.db as any, config);
  } else {
    const { migrate } = await import("drizzle-orm/node-postgres/migrator");
    // biome-ignore lint/suspicious/noExplicitAny: see above
    await migrate(database.db as any, config);
  }
}
