// TC-34 / AUTH-10: sign-in is throttled per email before the password is checked, and fails
// closed when the configured limiter (Redis) is down — through Auth.js's real endpoint.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/open";
import { policies } from "@/lib/ratelimit/policies";
import { awayFromWindowEdge } from "../../support/rate-window";
import { freePort, startServer, type TestServer } from "../../support/server";
import { cast, seedCast, signInAttempt, signInOverHttp } from "./fixtures";

async function seededServer(env: Record<string, string | undefined> = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "logwell-login-"));
  const database = await openDatabase({ dataDir: path.join(dataDir, "pglite") });
  await seedCast(database.db);
  await database.close();
  const server = await startServer({ dataDir, env });
  return { server, dataDir };
}

describe("sign-in throttling", () => {
  let running: { server: TestServer; dataDir: string } | undefined;
  afterEach(async () => {
    await running?.server.stop();
    if (running) rmSync(running.dataDir, { recursive: true, force: true });
    running = undefined;
  });

  it("locks an email after 10 attempts, even for the right password; other accounts still sign in", async () => {
    running = await seededServer();
    const { url } = running.server;
    // The eleven attempts and the checks after them take ~20 s under CI load.
    await awayFromWindowEdge(policies.loginEmail.windowMs, 45_000);
    for (let i = 0; i < 10; i++) {
      expect(
        await signInOverHttp(url, { email: cast.owner.email, password: `wrong-${i}` }),
      ).toBeNull();
    }
    const locked = await signInAttempt(url, cast.owner);
    expect(locked.cookie).toBeNull();
    expect(locked.location).toContain("code=rate_limited");
    // Case and spaces do not make a fresh bucket.
    expect(await signInOverHttp(url, { ...cast.owner, email: " OWNER@authz.test" })).toBeNull();
    expect(await signInOverHttp(url, cast.viewer)).not.toBeNull();
  }, 120_000);

  it("fails closed when the configured Redis is unreachable", async () => {
    const closedPort = await freePort();
    running = await seededServer({ REDIS_URL: `redis://127.0.0.1:${closedPort}` });
    const refused = await signInAttempt(running.server.url, cast.owner);
    expect(refused.cookie).toBeNull();
    expect(refused.location).toContain("code=rate_limited");
    const health = await fetch(`${running.server.url}/api/health`);
    expect([200, 503]).toContain(health.status);
  });
});
