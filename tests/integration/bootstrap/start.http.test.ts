import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { backends, createServerDatabase, dropServerDatabase } from "../../support/db";
import { startServer } from "../../support/server";

const quiet = {
  LOGWELL_PRUNE_INTERVAL_MINUTES: "0",
  LOGWELL_ADMIN_EMAIL: undefined,
  LOGWELL_ADMIN_PASSWORD: undefined,
};

describe("first start on an empty embedded database (npm start)", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "logwell-start-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("prints a setup token and a ready-to-run curl for a new project that accepts logs", async () => {
    const server = await startServer({ dataDir, env: quiet });
    try {
      const output = server.output();
      expect(output).toMatch(/lw_setup_[A-Za-z0-9_-]{32}/);
      expect(output).toContain('created project "My app"');
      const key = output.match(/X-Logwell-Key: (lw_pub_[0-9A-Za-z]+)/)?.[1];
      expect(key).toBeDefined();
      const res = await fetch(`${server.url}/api/v1/logs`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-logwell-key": key ?? "" },
        body: JSON.stringify({ message: "Hello from curl", level: "info" }),
      });
      expect(res.status).toBe(202);
      const health = await (await fetch(`${server.url}/api/health`)).json();
      expect(health.metrics).toMatchObject({ projects: 1, events_today: 1 });
      // Per-project details are for signed-in users and admin tokens only.
      expect(health.metrics).not.toHaveProperty("oldest_event_by_project");
    } finally {
      await server.stop();
    }
  });

  it("creates the LOGWELL_ADMIN_* owner on a later start, once, and never logs the password", async () => {
    const password = "pw-that-must-not-appear-in-logs";
    const env = {
      ...quiet,
      LOGWELL_ADMIN_EMAIL: "owner@example.com",
      LOGWELL_ADMIN_PASSWORD: password,
    };
    const first = await startServer({ dataDir, env });
    const firstOutput = first.output();
    await first.stop();
    expect(firstOutput).toContain("created the first owner");
    expect(firstOutput).not.toContain(password);
    expect(firstOutput).not.toContain("lw_setup_");
    // "My app" is made once per database, not once per start.
    expect(firstOutput).not.toContain('created project "My app"');
    const second = await startServer({ dataDir, env });
    const secondOutput = second.output();
    await second.stop();
    expect(secondOutput).not.toContain("created the first owner");
  });
});

// Only when TEST_DATABASE_URL provides a server to create databases on.
const serverBackends = backends().filter((b) => b === "postgres");

describe.each(serverBackends)("first start on an empty server database (%s, npm start)", () => {
  const urls: string[] = [];
  afterAll(async () => {
    for (const url of urls) await dropServerDatabase(url);
  });

  async function tables(url: string): Promise<string[]> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(
        "select table_name from information_schema.tables where table_schema = 'public' order by 1",
      );
      return rows.map((r) => r.table_name);
    } finally {
      await client.end();
    }
  }

  it("applies migrations at start (self-hosted), unless LOGWELL_MIGRATE_ON_START=false", async () => {
    const migrated = await createServerDatabase();
    const untouched = await createServerDatabase();
    urls.push(migrated, untouched);
    const [a, b] = await Promise.all([
      startServer({ env: { ...quiet, DATABASE_URL: migrated } }),
      startServer({
        env: { ...quiet, DATABASE_URL: untouched, LOGWELL_MIGRATE_ON_START: "false" },
      }),
    ]);
    try {
      expect(await tables(migrated)).toEqual(
        expect.arrayContaining(["logs", "projects", "users", "app_state"]),
      );
      expect(await tables(untouched)).toEqual([]);
      // The demo project is only for the embedded database.
      expect(a.output()).not.toContain('created project "My app"');
      const health = await (await fetch(`${a.url}/api/health`)).json();
      expect(health).toMatchObject({ status: "ok", db: "ok" });
      expect(b.output()).toContain("start-up bootstrap failed");
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});
