import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NodeRedisAdapter, stripShebang } from "@/lib/ratelimit/node-redis-adapter";
import { RedisBackend } from "@/lib/ratelimit/redis-backend";
import type { Policy } from "@/lib/ratelimit/types";
import { startThrowawayRedis, uniqueId } from "./support";

// The adapter that lets any Redis serve @upstash/ratelimit (stack notes: Redis 7 rejects the
// scripts' `#!lua flags=allow-key-locking` first line).

const upstashScriptStart = "#!lua flags=allow-key-locking\n  local currentKey  = KEYS[1]";

test("stripShebang drops only a leading #! line", () => {
  expect(stripShebang(upstashScriptStart)).toBe("  local currentKey  = KEYS[1]");
  expect(stripShebang("return 1")).toBe("return 1");
});

const redisUrls = process.env.TEST_REDIS_URL ? [process.env.TEST_REDIS_URL] : [];

describe.each(redisUrls)("node-redis adapter on %s", (url) => {
  const raw = createClient({ url });
  const policy: Policy = { name: "test-adapter", windowMs: 60_000 };

  beforeAll(async () => {
    await raw.connect();
  });
  afterAll(() => {
    raw.destroy();
  });

  async function evalshaCalls(): Promise<number> {
    const info = await raw.info("commandstats");
    return Number(/cmdstat_evalsha:calls=(\d+)/.exec(info)?.[1] ?? 0);
  }

  test("this Redis rejects the unmodified script (why the adapter strips it)", async () => {
    await expect(
      raw.eval("#!lua flags=allow-key-locking\nreturn 1", { keys: [], arguments: [] }),
    ).rejects.toThrow(/flag/i);
  });

  test("first call sends the script, later calls only its sha (EVALSHA)", async () => {
    const adapter = new NodeRedisAdapter(url, 1000);
    const backend = new RedisBackend("redis", adapter, { close: () => adapter.close() });
    const id = uniqueId("sha");
    expect((await backend.limit(policy, 10, id, 1)).remaining).toBe(9);
    const before = await evalshaCalls();
    for (let i = 0; i < 5; i++) await backend.limit(policy, 10, id, 1);
    // Other clients may share this Redis: at least our five went through EVALSHA.
    expect((await evalshaCalls()) - before).toBeGreaterThanOrEqual(5);
    expect((await backend.limit(policy, 10, id, 1)).remaining).toBe(3);
    await backend.close();
  });

  test("keys carry the logwell prefix and expire", async () => {
    const adapter = new NodeRedisAdapter(url, 1000);
    const backend = new RedisBackend("redis", adapter, { close: () => adapter.close() });
    const id = uniqueId("keys");
    await backend.limit(policy, 10, id, 1);
    const keys = await raw.keys(`logwell:rl:test-adapter:${id}:*`);
    expect(keys).toHaveLength(1);
    expect(await raw.pTTL(keys[0] as string)).toBeGreaterThan(0);
    await backend.close();
  });
});

test("a SCRIPT FLUSH (as after a Redis restart) is survived: NOSCRIPT makes the caller resend", async () => {
  // A throwaway instance: flushing scripts on the shared Redis would touch other runs.
  const redis = await startThrowawayRedis();
  const raw = createClient({ url: redis.url });
  const adapter = new NodeRedisAdapter(redis.url, 1000);
  const backend = new RedisBackend("redis", adapter, { close: () => adapter.close() });
  try {
    await raw.connect();
    const policy: Policy = { name: "test-flush", windowMs: 60_000 };
    await backend.limit(policy, 10, "id", 1);
    await backend.limit(policy, 10, "id", 1);
    await raw.scriptFlush();
    expect((await backend.limit(policy, 10, "id", 1)).remaining).toBe(7);
  } finally {
    raw.destroy();
    await backend.close();
    await redis.stop();
  }
});
