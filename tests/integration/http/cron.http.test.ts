import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../support/server";

const secret = "cron-secret-for-tests-0123456789abcdef";

async function callCron(server: TestServer, authorization?: string) {
  const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
  return fetch(`${server.url}/api/cron/prune`, { headers });
}

describe("TC-29: GET /api/cron/prune on npm start", () => {
  let withSecret: TestServer;
  let withoutSecret: TestServer;
  beforeAll(async () => {
    [withSecret, withoutSecret] = await Promise.all([
      startServer({ env: { CRON_SECRET: secret, LOGWELL_PRUNE_INTERVAL_MINUTES: "0" } }),
      startServer({ env: { CRON_SECRET: undefined, LOGWELL_PRUNE_INTERVAL_MINUTES: "0" } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([withSecret?.stop(), withoutSecret?.stop()]);
  });

  it.each([
    ["no header", undefined],
    ["empty header", ""],
    ["bare Bearer", "Bearer "],
    ["lower-case scheme", `bearer ${secret}`],
    ["wrong secret of equal length", `Bearer ${secret.slice(0, -1)}X`],
    ["wrong secret, shorter", "Bearer short"],
    ["wrong secret, longer", `Bearer ${secret}x`],
    ["extra spaces", `Bearer   ${secret}`],
    ["Bearer undefined", "Bearer undefined"],
  ])("refuses %s with 401", async (_name, authorization) => {
    const res = await callCron(withSecret, authorization);
    expect(res.status).toBe(401);
    expect(res.headers.get("x-request-id")).toBeTruthy();
    expect((await res.json()).error).toBe("unauthorized");
  });

  it("refuses everything when CRON_SECRET is unset, including `Bearer undefined`", async () => {
    for (const authorization of [
      "Bearer undefined",
      "Bearer ",
      `Bearer ${secret}`,
      "Bearer null",
    ]) {
      const res = await callCron(withoutSecret, authorization);
      expect(res.status).toBe(401);
    }
  });

  it("runs a prune with the right secret and records it for /api/health", async () => {
    const res = await callCron(withSecret, `Bearer ${secret}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ deleted: 0, done: true });
    expect(Array.isArray(body.projects)).toBe(true);
    const health = await (await fetch(`${withSecret.url}/api/health`)).json();
    expect(health.last_prune).toMatchObject({ deleted: 0, done: true });
    expect(Date.parse(health.last_prune.at)).not.toBeNaN();
    expect(health.metrics).toMatchObject({
      projects: expect.any(Number),
      events_today: expect.any(Number),
    });
  });
});

describe("GET /api/cron/alerts on npm start", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({
      env: { CRON_SECRET: secret, LOGWELL_PRUNE_INTERVAL_MINUTES: "0" },
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const call = (authorization?: string) =>
    fetch(`${server.url}/api/cron/alerts`, {
      headers: authorization === undefined ? {} : { authorization },
    });

  it("refuses a missing or wrong secret, and delivers with the right one", async () => {
    for (const authorization of [undefined, "Bearer undefined", `Bearer ${secret}x`]) {
      const res = await call(authorization);
      expect(res.status).toBe(401);
      expect((await res.json()).error).toBe("unauthorized");
    }
    const res = await call(`Bearer ${secret}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ sent: 0, retrying: 0, failed: 0 });
  });
});
