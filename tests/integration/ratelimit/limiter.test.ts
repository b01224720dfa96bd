import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/http/errors";
import { createLimiter, processLimiter, resetProcessLimiter } from "@/lib/ratelimit/backend";
import type { GuardedLimiter } from "@/lib/ratelimit/guarded-limiter";
import { enforceIngestIpLimit, enforceProjectEventLimit } from "@/lib/ratelimit/ingest";
import type { Policy } from "@/lib/ratelimit/types";
import { envFor, limiterBackends, setLimiterEnv, uniqueId } from "./support";

// Fixed clock so every run sees the same sliding-window weights; Date only, timers stay real
// (the Redis script takes `now` from the caller, so this drives both backends alike).
const windowMs = 60_000;
const windowStart = Date.UTC(2030, 0, 1, 0, 0, 0);
const policy: Policy = { name: "test-window", windowMs };

describe.each(limiterBackends())("sliding-window limiter on %s", (backend) => {
  let limiter: GuardedLimiter;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(windowStart + 1);
    setLimiterEnv(envFor(backend));
    limiter = createLimiter(env());
  });

  afterEach(async () => {
    vi.useRealTimers();
    await limiter.close();
    await resetProcessLimiter();
  });

  test("uses the configured backend", () => {
    expect(limiter.status()).toBe(backend);
  });

  test("allows exactly the limit in a window, then refuses", async () => {
    const id = uniqueId("exact");
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await limiter.check(policy, 5, id, 1, "fail-open"));
    expect(results.map((r) => r.success)).toEqual([true, true, true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([4, 3, 2, 1, 0, 0]);
    for (const r of results) {
      expect(r.limit).toBe(5);
      expect(r.reset).toBe(windowStart + windowMs);
    }
  });

  test("weights the previous window by how much of it is still inside the sliding window", async () => {
    const id = uniqueId("slide");
    for (let i = 0; i < 10; i++) await limiter.check(policy, 10, id, 1, "fail-open");
    expect((await limiter.check(policy, 10, id, 1, "fail-open")).success).toBe(false);
    // Half-way through the next window, half of the previous window's 10 still count.
    vi.setSystemTime(windowStart + windowMs * 1.5);
    const next = [];
    for (let i = 0; i < 6; i++)
      next.push((await limiter.check(policy, 10, id, 1, "fail-open")).success);
    expect(next).toEqual([true, true, true, true, true, false]);
    // Two windows later nothing of it is left.
    vi.setSystemTime(windowStart + windowMs * 3 + 1);
    expect((await limiter.check(policy, 10, id, 1, "fail-open")).remaining).toBe(9);
  });

  test("counts a rate (events) and refuses the batch that crosses the limit", async () => {
    const id = uniqueId("rate");
    const first = await limiter.check(policy, 100, id, 60, "fail-open");
    expect(first).toMatchObject({ success: true, remaining: 40 });
    expect((await limiter.check(policy, 100, id, 60, "fail-open")).success).toBe(false);
    expect((await limiter.check(policy, 100, id, 1, "fail-open")).success).toBe(false);
  });

  test("identifiers and policies are independent", async () => {
    const a = uniqueId("a");
    const b = uniqueId("b");
    const other: Policy = { name: "test-other", windowMs };
    expect((await limiter.check(policy, 1, a, 1, "fail-open")).success).toBe(true);
    expect((await limiter.check(policy, 1, a, 1, "fail-open")).success).toBe(false);
    expect((await limiter.check(policy, 1, b, 1, "fail-open")).success).toBe(true);
    expect((await limiter.check(other, 1, a, 1, "fail-open")).success).toBe(true);
  });

  test("a changed limit applies to the counts already made", async () => {
    const id = uniqueId("relimit");
    for (let i = 0; i < 3; i++) await limiter.check(policy, 10, id, 1, "fail-open");
    expect((await limiter.check(policy, 3, id, 1, "fail-open")).success).toBe(false);
    expect((await limiter.check(policy, 5, id, 1, "fail-open")).success).toBe(true);
  });

  describe("ingest interface (TC-20)", () => {
    beforeEach(async () => {
      await resetProcessLimiter();
    });

    test("per-IP limit: RateLimit-* on success, then 429 with Retry-After", async () => {
      vi.setSystemTime(windowStart + 45_500);
      const project = { id: uniqueId("project"), rateLimitPerIpPerMinute: 3 };
      const headers = [];
      for (let i = 0; i < 3; i++) headers.push(await enforceIngestIpLimit(project, "192.0.2.1"));
      expect(headers[0]).toEqual({
        "ratelimit-limit": "3",
        "ratelimit-remaining": "2",
        "ratelimit-reset": "15",
      });
      expect(headers[2]?.["ratelimit-remaining"]).toBe("0");
      const refused = await enforceIngestIpLimit(project, "192.0.2.1").catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ApiError);
      const error = refused as ApiError;
      expect(error.code).toBe("rate_limited");
      expect(error.status).toBe(429);
      expect(error.details.headers).toEqual({
        "retry-after": "15",
        "ratelimit-limit": "3",
        "ratelimit-remaining": "0",
        "ratelimit-reset": "15",
      });
      // Another address, and another project, have their own buckets.
      await expect(enforceIngestIpLimit(project, "192.0.2.2")).resolves.toBeDefined();
      await expect(
        enforceIngestIpLimit({ ...project, id: uniqueId("project") }, "192.0.2.1"),
      ).resolves.toBeDefined();
    });

    test("per-IP limit buckets IPv6 by /64", async () => {
      const project = { id: uniqueId("project"), rateLimitPerIpPerMinute: 2 };
      await enforceIngestIpLimit(project, "2001:db8:1:2::1");
      await enforceIngestIpLimit(project, "2001:db8:1:2:ffff::9");
      await expect(enforceIngestIpLimit(project, "2001:db8:1:2::abcd")).rejects.toMatchObject({
        code: "rate_limited",
      });
      await expect(enforceIngestIpLimit(project, "2001:db8:1:3::1")).resolves.toBeDefined();
    });

    test("Retry-After is a whole number of seconds, at least 1, even at the window's end", async () => {
      vi.setSystemTime(windowStart + windowMs - 10);
      const project = { id: uniqueId("project"), rateLimitPerIpPerMinute: 1 };
      await enforceIngestIpLimit(project, "192.0.2.9");
      const error = (await enforceIngestIpLimit(project, "192.0.2.9").catch((e) => e)) as ApiError;
      expect(error.details.headers?.["retry-after"]).toBe("1");
    });

    test("event limit counts events, not requests", async () => {
      const project = { id: uniqueId("project"), rateLimitEventsPerMinute: 1000 };
      const ok = await enforceProjectEventLimit(project, 600);
      expect(ok["ratelimit-remaining"]).toBe("400");
      expect(await enforceProjectEventLimit(project, 400)).toMatchObject({
        "ratelimit-remaining": "0",
      });
      await expect(enforceProjectEventLimit(project, 1)).rejects.toMatchObject({
        code: "rate_limited",
        details: { headers: { "ratelimit-limit": "1000", "ratelimit-remaining": "0" } },
      });
      // A request with no valid events spends nothing and is never refused by this limit.
      await expect(enforceProjectEventLimit(project, 0)).resolves.toEqual({});
    });

    test("a batch larger than the whole limit passes once in an empty window", async () => {
      const project = { id: uniqueId("project"), rateLimitEventsPerMinute: 100 };
      const headers = await enforceProjectEventLimit(project, 1000);
      expect(headers["ratelimit-remaining"]).toBe("0");
      await expect(enforceProjectEventLimit(project, 1000)).rejects.toMatchObject({
        code: "rate_limited",
      });
    });

    test("the process limiter is made once and shared", () => {
      expect(processLimiter()).toBe(processLimiter());
      expect(processLimiter().status()).toBe(backend);
    });
  });
});

afterAll(async () => {
  await resetProcessLimiter();
});
