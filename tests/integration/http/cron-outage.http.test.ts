import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PgInstance, startPgInstance } from "../../support/pg-instance";
import { startServer, type TestServer } from "../../support/server";

const secret = "cron-outage-secret-0123456789abcdef";

// A throwaway Postgres (never the shared one: this test stops it), migrated by the server at start.
describe("GET /api/cron/prune while the database is down (npm start)", () => {
  let pg: PgInstance;
  let server: TestServer;
  beforeAll(async () => {
    pg = await startPgInstance();
    server = await startServer({
      env: { DATABASE_URL: pg.url(), CRON_SECRET: secret, LOGWELL_PRUNE_INTERVAL_MINUTES: "0" },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await pg?.destroy();
  });

  const cron = () =>
    fetch(`${server.url}/api/cron/prune`, { headers: { authorization: `Bearer ${secret}` } });

  it("answers 503 with Retry-After (never 500) and works again once the database is back", async () => {
    expect((await cron()).status).toBe(200);
    await pg.stop("fast");
    const down = await cron();
    expect(down.status).toBe(503);
    expect(Number(down.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await down.json()).error).toBe("unavailable");
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(503);
    expect((await health.json()).metrics).toBeNull();
    // The secret is still checked first: an outage does not turn a bad secret into a 503.
    const unauthorized = await fetch(`${server.url}/api/cron/prune`);
    expect(unauthorized.status).toBe(401);
    await pg.start();
    let back = 0;
    for (let i = 0; i < 50 && back !== 200; i++) {
      back = (await cron()).status;
      if (back !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(back).toBe(200);
  });
});
