import { neonConfig } from "@neondatabase/serverless";
import { asc, eq } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ws from "ws";
import { type Database, openDatabase } from "@/lib/db/open";
import { issues, logs, projects } from "@/lib/db/schema";
import { prepareBatch } from "@/lib/ingest/normalize/batch";
import { insertEvents } from "@/lib/ingest/store/store";
import { assignIssues } from "@/lib/issues/ingest/event-issue";
import { createProject } from "@/lib/projects/create-project";
import { createServerDatabase, dropServerDatabase } from "../../support/db";
import { startWebsockify, type WebsockifyProxy } from "./websockify";

// Vercel's Neon integration selects this driver; here it reaches the CI Postgres through
// websockify. Needs the server Postgres, so it runs where TEST_DATABASE_URL is set (CI).
describe.runIf(Boolean(process.env.TEST_DATABASE_URL))(
  "Neon serverless driver (WebSocket Pool via websockify)",
  () => {
    let proxy: WebsockifyProxy;
    let url: string;
    let database: Database;

    beforeAll(async () => {
      const target = new URL(process.env.TEST_DATABASE_URL ?? "");
      proxy = await startWebsockify({ host: target.hostname, port: Number(target.port || 5432) });
      neonConfig.webSocketConstructor = ws;
      neonConfig.wsProxy = (host, port) => `127.0.0.1:${proxy.port}/?address=${host}:${port}`;
      neonConfig.useSecureWebSocket = false;
      neonConfig.pipelineTLS = false;
      neonConfig.pipelineConnect = false;
      url = await createServerDatabase();
      database = await openDatabase({ url, driver: "neon", migrate: true });
    });

    afterAll(async () => {
      await database?.close();
      if (url) await dropServerDatabase(url);
      await proxy?.stop();
    });

    it("opens through the neon driver and applies the migrations", async () => {
      expect(database.kind).toBe("neon");
      const rows = await database.db.select().from(projects);
      expect(rows).toEqual([]);
      // The connection really went through the WebSocket proxy, not a TCP shortcut.
      expect(proxy.output()).toMatch(/connecting to/i);
    });

    it("creates a project and its key in one transaction and reads them back", async () => {
      const { project, key } = await createProject(database.db, { name: "neon-app" });
      expect(key).toMatch(/^lw_pub_/);
      const [stored] = await database.db.select().from(projects).where(eq(projects.id, project.id));
      expect(stored?.name).toBe("neon-app");
    });

    it("stores an ingest batch through the real store function and reads it back; a resend stores nothing, nor counts its issue again", async () => {
      const { project } = await createProject(database.db, { name: "neon-ingest" });
      const receivedAt = new Date();
      const batch = prepareBatch(
        [
          { id: "neon-1", message: "first", level: "error", attributes: { n: 1 } },
          { id: "neon-2", message: "second", level: "warn" },
        ],
        receivedAt,
      );
      assignIssues(project.id, batch.events);
      const facts = {
        projectId: project.id,
        receivedAt,
        requestId: uuidv7(),
        userAgent: "vitest",
        clientIp: null,
        country: null,
      };
      expect(await insertEvents(database.db, facts, batch.events)).toEqual({
        inserted: 2,
        refused: [],
      });
      const again = await insertEvents(
        database.db,
        { ...facts, requestId: uuidv7() },
        batch.events,
      );
      expect(again.inserted).toBe(0);
      const rows = await database.db
        .select()
        .from(logs)
        .where(eq(logs.projectId, project.id))
        .orderBy(asc(logs.clientId));
      expect(rows.map((r) => [r.clientId, r.message, r.level, r.requestId])).toEqual([
        ["neon-1", "first", 50, facts.requestId],
        ["neon-2", "second", 40, facts.requestId],
      ]);
      expect(rows[0]?.attributes).toEqual({ n: 1 });
      // The error's issue, counted in the INSERT's transaction from the rows RETURNING named.
      const counted = await database.db
        .select({ title: issues.title, events: issues.eventCount })
        .from(issues)
        .where(eq(issues.projectId, project.id));
      expect(counted).toEqual([{ title: "first", events: 1 }]);
      expect(rows[0]?.issueId).not.toBeNull();
      expect(rows[1]?.issueId).toBeNull();
    });
  },
);
