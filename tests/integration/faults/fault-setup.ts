import { eq } from "drizzle-orm";
import pg from "pg";
import { v7 as uuidv7 } from "uuid";
import { type Database, openDatabase } from "@/lib/db/open";
import { projects } from "@/lib/db/schema";
import { createProject } from "@/lib/projects/create-project";
import { benchEvent } from "@/scripts/bench/events";
import { keepAliveAgent, sendRequest } from "@/scripts/bench/http-post";
import { type PgInstance, startPgInstance } from "../../support/pg-instance";
import { startServer, type TestServer } from "../../support/server";

/**
 * `npm start`'s server on a throwaway Postgres (never the shared one: these tests stop, crash and
 * kill it), with one project whose rate limits are raised so load is never refused as 429.
 */
export interface FaultRig {
  pg: PgInstance;
  server: TestServer;
  databaseUrl: string;
  /** A new project (raised rate limits) per scenario, so each conservation check is its own. */
  addProject(name: string): Promise<{ projectId: string; key: string }>;
  /** Runs SQL on the instance from a separate admin connection. */
  admin<T extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]>;
  /** A fresh handle for conservation checks (after the server stopped or while it runs). */
  openDatabase(): Promise<Database>;
  close(): Promise<void>;
}

export async function startFaultRig(options: { databaseSettings?: string[] } = {}) {
  const instance = await startPgInstance();
  const server: { current?: TestServer } = {};
  try {
    const admin = async <T extends pg.QueryResultRow>(text: string, values?: unknown[]) => {
      const client = new pg.Client({ connectionString: instance.url() });
      await client.connect();
      try {
        return (await client.query<T>(text, values)).rows;
      } finally {
        await client.end();
      }
    };
    await admin("create database logwell");
    for (const setting of options.databaseSettings ?? []) {
      await admin(`alter database logwell set ${setting}`);
    }
    const databaseUrl = instance.url("logwell");
    // Migrate before the server starts: it never migrates a server Postgres itself.
    await (await openDatabase({ url: databaseUrl, driver: "pg", migrate: true })).close();
    const addProject = async (name: string) => {
      const database = await openDatabase({ url: databaseUrl, driver: "pg" });
      try {
        const { project, key } = await createProject(database.db, { name });
        await database.db
          .update(projects)
          .set({ rateLimitPerIpPerMinute: 1_000_000_000, rateLimitEventsPerMinute: 1_000_000_000 })
          .where(eq(projects.id, project.id));
        return { projectId: project.id, key };
      } finally {
        await database.close();
      }
    };
    server.current = await startServer({ env: { DATABASE_URL: databaseUrl } });
    const rig: FaultRig = {
      pg: instance,
      server: server.current,
      databaseUrl,
      addProject,
      admin,
      openDatabase: () => openDatabase({ url: databaseUrl, driver: "pg" }),
      close: async () => {
        await server.current?.stop();
        await instance.destroy();
      },
    };
    return rig;
  } catch (err) {
    await server.current?.stop();
    await instance.destroy();
    throw err;
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `condition` holds, at most `timeoutMs` (then throws: a fault test never hangs). */
export async function waitUntil(condition: () => boolean, timeoutMs: number, what: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await sleep(20);
  }
}

export interface ProbeReply {
  status: number | "network-error";
  retryAfter?: string;
}

/**
 * Single un-retried ingest requests (5 events each, ids no load batch uses), spaced out over
 * a fault window: what any client sees while the database is down.
 */
export async function probeIngest(url: string, key: string, count: number, gapMs: number) {
  const agent = keepAliveAgent(1);
  const replies: ProbeReply[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const events = Array.from({ length: 5 }, (_, j) => benchEvent(`probe-${uuidv7()}-${j}`, j));
      try {
        const reply = await sendRequest(
          agent,
          new URL("/api/v1/logs", url),
          "POST",
          { "content-type": "application/json", "x-logwell-key": key },
          Buffer.from(JSON.stringify({ events })),
          15_000,
        );
        const retryAfter = reply.headers["retry-after"];
        replies.push({ status: reply.status, retryAfter: [retryAfter].flat()[0] });
      } catch {
        replies.push({ status: "network-error" });
      }
      await sleep(gapMs);
    }
  } finally {
    agent.destroy();
  }
  return replies;
}
