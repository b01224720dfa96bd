import { createServer } from "node:http";
import { afterAll, afterEach, beforeEach, describe, expect, test } from "vitest";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/http/errors";
import { createBackend, resetProcessLimiter } from "@/lib/ratelimit/backend";
import { GuardedLimiter } from "@/lib/ratelimit/guarded-limiter";
import { enforceIngestIpLimit } from "@/lib/ratelimit/ingest";
import { enforceLoginLimit } from "@/lib/ratelimit/login";
import { limiterStatus } from "@/lib/ratelimit/status";
import type { Policy } from "@/lib/ratelimit/types";
import { freePort } from "../../support/server";
import { setLimiterEnv, startHangingServer, startThrowawayRedis, uniqueId } from "./support";

// TC-19: Redis refused or hanging ⇒ ingest keeps working on the in-process limiter (fail
// open), health says "degraded", nothing throws; sign-in refuses instead (TC-34, fail closed).
// No timed assertions: a call against a server that never answers can only return through the
// limiter's own timeout, so returning at all is the proof that it is bounded.

const policy: Policy = { name: "test-outage", windowMs: 60_000 };
const timeoutMs = 150;
const cooldownMs = 300;

function limiterFor(url: string) {
  setLimiterEnv({ REDIS_URL: url, LOGWELL_RATE_LIMIT_TIMEOUT_MS: String(timeoutMs) });
  return new GuardedLimiter(createBackend(env()), timeoutMs, cooldownMs);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(async () => {
  await resetProcessLimiter();
});
afterAll(() => setLimiterEnv({}));

describe("Redis refusing connections (TC-19)", () => {
  test("ingest checks fall back to memory, still enforce the limit, and report degraded", async () => {
    const limiter = limiterFor(`redis://127.0.0.1:${await freePort()}`);
    const id = uniqueId("refused");
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await limiter.check(policy, 3, id, 1, "fail-open"));
    expect(results.map((r) => r.success)).toEqual([true, true, true, false]);
    expect(limiter.status()).toBe("degraded");
    expect(await limiter.probe()).toBe("degraded");
    await limiter.close();
  });

  test("sign-in fails closed with a 429 and Retry-After", async () => {
    setLimiterEnv({
      REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
      LOGWELL_RATE_LIMIT_TIMEOUT_MS: String(timeoutMs),
    });
    await resetProcessLimiter();
    const error = await enforceLoginLimit("192.0.2.1", "owner@example.com").catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "rate_limited", status: 429 });
    expect(Number((error as ApiError).details.headers?.["retry-after"])).toBeGreaterThanOrEqual(1);
    // While degraded, ingest on the same process limiter still answers.
    await expect(
      enforceIngestIpLimit({ id: uniqueId("p"), rateLimitPerIpPerMinute: 5 }, "192.0.2.1"),
    ).resolves.toMatchObject({ "ratelimit-remaining": "4" });
    expect(await limiterStatus()).toBe("degraded");
  });
});

describe("Redis accepting connections and never answering (TC-19)", () => {
  test("checks time out into the fallback; during the cool-down Redis is not asked again", async () => {
    const hanging = await startHangingServer();
    try {
      const limiter = limiterFor(hanging.url);
      const id = uniqueId("hang");
      const first = await limiter.check(policy, 2, id, 1, "fail-open");
      expect(first.success).toBe(true);
      expect(limiter.status()).toBe("degraded");
      expect(hanging.connections()).toBeGreaterThanOrEqual(1);
      const bytesAfterFirst = hanging.bytesReceived();
      const connectionsAfterFirst = hanging.connections();
      // Inside the cool-down: straight to memory, no new traffic to the hung server.
      expect((await limiter.check(policy, 2, id, 1, "fail-open")).success).toBe(true);
      expect((await limiter.check(policy, 2, id, 1, "fail-open")).success).toBe(false);
      expect(hanging.bytesReceived()).toBe(bytesAfterFirst);
      expect(hanging.connections()).toBe(connectionsAfterFirst);
      // After it, Redis is tried again (a fresh connection: the old one timed out), and fails.
      await sleep(cooldownMs + 50);
      expect((await limiter.check(policy, 2, id, 1, "fail-open")).success).toBe(false);
      expect(hanging.connections()).toBeGreaterThan(connectionsAfterFirst);
      expect(await limiter.probe()).toBe("degraded");
      await limiter.close();
    } finally {
      await hanging.close();
    }
  });

  test("sign-in fails closed", async () => {
    const hanging = await startHangingServer();
    try {
      const limiter = limiterFor(hanging.url);
      await expect(
        limiter.check(policy, 10, uniqueId("login"), 1, "fail-closed"),
      ).rejects.toMatchObject({ name: "LimiterUnavailableError" });
      await limiter.close();
    } finally {
      await hanging.close();
    }
  });
});

describe("Redis going away and coming back", () => {
  test("redis → degraded (memory) → redis, counting in Redis again after recovery", async () => {
    const redis = await startThrowawayRedis();
    let restarted: Awaited<ReturnType<typeof startThrowawayRedis>> | undefined;
    try {
      const limiter = limiterFor(redis.url);
      const id = uniqueId("recover");
      expect((await limiter.check(policy, 100, id, 1, "fail-open")).remaining).toBe(99);
      expect(await limiter.probe()).toBe("redis");
      await redis.stop();
      expect((await limiter.check(policy, 100, id, 1, "fail-open")).remaining).toBe(99);
      expect(limiter.status()).toBe("degraded");
      restarted = await startThrowawayRedis(redis.port);
      // Bounded wait for the cool-down and node-redis's redial (at most every 2 s).
      let status = limiter.status();
      for (let i = 0; i < 50 && status !== "redis"; i++) {
        await sleep(100);
        status = await limiter.probe();
      }
      expect(status).toBe("redis");
      // A fresh Redis (no persistence): the count starts over there.
      expect((await limiter.check(policy, 100, id, 1, "fail-open")).remaining).toBe(99);
      await limiter.close();
    } finally {
      await redis.stop();
      await restarted?.stop();
    }
  });
});

describe("Upstash REST (selection by configuration; Upstash itself is unreachable here)", () => {
  beforeEach(() => setLimiterEnv({}));

  test.each([
    [{}, "memory"],
    [{ REDIS_URL: "redis://127.0.0.1:1" }, "redis"],
    [{ UPSTASH_REDIS_REST_URL: "https://x.upstash.io", UPSTASH_REDIS_REST_TOKEN: "t" }, "upstash"],
    [{ KV_REST_API_URL: "https://x.upstash.io", KV_REST_API_TOKEN: "t" }, "upstash"],
    [
      {
        UPSTASH_REDIS_REST_URL: "https://x.upstash.io",
        UPSTASH_REDIS_REST_TOKEN: "t",
        REDIS_URL: "redis://h",
      },
      "upstash",
    ],
    // A URL without its token is not a configuration.
    [{ UPSTASH_REDIS_REST_URL: "https://x.upstash.io" }, "memory"],
  ] as const)("%j → %s", async (config, kind) => {
    setLimiterEnv(config);
    const backend = createBackend(env());
    expect(backend.kind).toBe(kind);
    await backend.close?.();
  });

  test("a REST endpoint refusing or hanging falls back to memory, bounded by the timeout", async () => {
    const hangingHttp = createServer(() => {
      // Never responds.
    });
    await new Promise<void>((resolve) => hangingHttp.listen(0, "127.0.0.1", resolve));
    const address = hangingHttp.address();
    const hangingPort = typeof address === "object" && address ? address.port : 0;
    try {
      for (const url of [
        `http://127.0.0.1:${await freePort()}`,
        `http://127.0.0.1:${hangingPort}`,
      ]) {
        setLimiterEnv({
          UPSTASH_REDIS_REST_URL: url,
          UPSTASH_REDIS_REST_TOKEN: "token",
          LOGWELL_RATE_LIMIT_TIMEOUT_MS: String(timeoutMs),
        });
        const limiter = new GuardedLimiter(createBackend(env()), timeoutMs, cooldownMs);
        expect(limiter.status()).toBe("upstash");
        const result = await limiter.check(policy, 5, uniqueId("rest"), 1, "fail-open");
        expect(result).toMatchObject({ success: true, remaining: 4 });
        expect(limiter.status()).toBe("degraded");
      }
    } finally {
      hangingHttp.closeAllConnections();
      await new Promise<void>((resolve) => hangingHttp.close(() => resolve()));
    }
  });
});
