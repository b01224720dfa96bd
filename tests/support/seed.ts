import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { type Db, migrateDatabase, openDatabase } from "@/lib/db/open";
import { ingestKeys, type NewProject, projects } from "@/lib/db/schema";
import { createProject } from "@/lib/projects/create-project";
import { type BackendName, createServerDatabase, dropServerDatabase } from "./db";
import { type StartOptions, startServer, type TestServer } from "./server";

/** A project with its first ingest key, as tests need it. */
export interface SeededProject {
  id: string;
  /** The project's number: Sentry DSNs and sentry-cli's --project name it. */
  number: number;
  /** The full lw_pub_ key (only ever available at creation). */
  key: string;
  keyId: string;
}

export type ProjectSeed = Partial<Omit<NewProject, "id" | "createdAt" | "updatedAt">> & {
  /** Revoke the project's key right away (to test 401 for revoked keys). */
  revokeKey?: boolean;
};

/** Rate limits no test reaches: for tests of storage and counting, not of rate limiting. */
export const unlimitedRates = {
  rateLimitPerIpPerMinute: 100_000,
  rateLimitEventsPerMinute: 1_000_000,
} satisfies ProjectSeed;

/** Creates a project (default name "seeded") with any column overridden, plus its key. */
export async function seedProject(db: Db, seed: ProjectSeed = {}): Promise<SeededProject> {
  const { name = "seeded", revokeKey = false, ...rest } = seed;
  const { project, key, ingestKey } = await createProject(db, { name });
  if (Object.keys(rest).length > 0) {
    await db.update(projects).set(rest).where(eq(projects.id, project.id));
  }
  if (revokeKey) {
    await db
      .update(ingestKeys)
      .set({ revokedAt: new Date() })
      .where(eq(ingestKeys.id, ingestKey.id));
  }
  return { id: project.id, number: project.number, key, keyId: ingestKey.id };
}

/** The production server on a database seeded before it started, and what the seed returned. */
export interface ServerSeededWith<T> {
  server: TestServer;
  backend: BackendName;
  seeded: T;
  /**
   * Runs fn on the server's database. Postgres: any time. PGlite: only after stopServer(),
   * because the running server holds the folder's lock.
   */
  withDb<R>(fn: (db: Db) => Promise<R>): Promise<R>;
  /** Stops the server, keeping the data for withDb(). */
  stopServer(): Promise<void>;
  /** Stops the server and deletes its database or folder. */
  cleanup(): Promise<void>;
}

/**
 * The production server (`npm start`) on a database seeded BEFORE the server starts (PGlite's folder is locked while
 * the server runs): a fresh database on the server Postgres (backend "postgres", needs
 * TEST_DATABASE_URL), or a fresh PGlite folder.
 */
export async function startServerSeededWith<T>(
  backend: BackendName,
  seed: (db: Db) => Promise<T>,
  env: StartOptions["env"] = {},
  { plainNextStart = false }: Pick<StartOptions, "plainNextStart"> = {},
): Promise<ServerSeededWith<T>> {
  const url = backend === "postgres" ? await createServerDatabase() : undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), "logwell-seeded-"));
  const open = () =>
    url
      ? openDatabase({ url, driver: "pg" })
      : openDatabase({ dataDir: path.join(dataDir, "pglite") });
  const database = await open();
  let seeded: T;
  try {
    if (url) await migrateDatabase(database);
    seeded = await seed(database.db);
  } finally {
    await database.close();
  }
  let running = true;
  const server = await startServer({
    dataDir,
    plainNextStart,
    env: { ...env, ...(url ? { DATABASE_URL: url } : {}) },
  });
  const stopServer = async () => {
    if (!running) return;
    running = false;
    await server.stop();
  };
  return {
    server,
    backend,
    seeded,
    async withDb(fn) {
      if (!url && running) throw new Error("PGlite folder is locked: call stopServer() first");
      const db = await open();
      try {
        return await fn(db.db);
      } finally {
        await db.close();
      }
    },
    stopServer,
    async cleanup() {
      await stopServer();
      if (url) await dropServerDatabase(url);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface SeededServer extends ServerSeededWith<SeededProject[]> {
  /** One per entry of `projects` (default: one project with default settings). */
  projects: SeededProject[];
}

export interface SeededServerOptions {
  projects?: ProjectSeed[];
  env?: StartOptions["env"];
  plainNextStart?: boolean;
}

/** startServerSeededWith() seeding projects, each with its ingest key. */
export async function startSeededServer(
  backend: BackendName,
  options: SeededServerOptions = {},
): Promise<SeededServer> {
  const started = await startServerSeededWith(
    backend,
    async (db) => {
      const seeded: SeededProject[] = [];
      for (const seed of options.projects ?? [{}]) seeded.push(await seedProject(db, seed));
      return seeded;
    },
    options.env,
    { plainNextStart: options.plainNextStart },
  );
  return { ...started, projects: started.seeded };
}
