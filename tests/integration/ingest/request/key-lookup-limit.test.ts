import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { withRequestContext } from "@/lib/http/request-context";
import { forgetIngestKeys } from "@/lib/ingest/request/keys";
import { ingestPreflight } from "@/lib/ingest/request/preflight";
import { keyLookupsPerIpPerMinute, policies } from "@/lib/ratelimit/policies";
import { awayFromWindowEdge } from "../../../support/rate-window";
import { seedProject } from "../../../support/seed";
import { useTestDatabase } from "../../../support/use-database";
import { envFor, limiterBackends, setLimiterEnv } from "../../ratelimit/support";
import { postLogs } from "../post-helper";

// Threat AUTH-1: ingest keys are looked up by digest, and each address may make only
// keyLookupsPerIpPerMinute lookups a minute. Keys the process already holds never count.

const ipHeader = "x-test-client-ip";
/** A well-formed key nobody issued (the 22 base62 characters the format asks for). */
const unknownKey = (label: string, i: number) =>
  `lw_pub_${label.padEnd(12, "x")}${String(i).padStart(10, "0")}`;

describe.each(limiterBackends())("per-address key lookup limit (%s limiter)", (limiter) => {
  const database = useTestDatabase("pglite");
  // Redis is shared between runs: addresses unique to this run keep buckets apart.
  const run = Math.floor(Math.random() * 200) + 20;
  const ipA = `198.51.${run}.10`;
  const ipB = `198.51.${run}.20`;
  const post = (key: string, ip: string) =>
    postLogs(database.db, JSON.stringify({ message: "m" }), { key, headers: { [ipHeader]: ip } });

  beforeAll(async () => {
    // Both tests below count on one address's budget within one window (~10 s of requests).
    await awayFromWindowEdge(policies.ingestKeyLookup.windowMs, 25_000);
    setLimiterEnv(envFor(limiter));
    process.env.LOGWELL_TRUSTED_PROXY_HEADER = ipHeader;
    resetEnvCache();
    forgetIngestKeys();
  });
  afterAll(() => {
    delete process.env.LOGWELL_TRUSTED_PROXY_HEADER;
    setLimiterEnv({});
  });

  it("answers 429 past the limit, while cached keys and other addresses go on", async () => {
    const project = await seedProject(database.db, { rateLimitPerIpPerMinute: 100_000 });
    // Its first use is a lookup too (one of the budget); from then on the key is cached.
    expect((await post(project.key, ipA)).status).toBe(202);

    const guesses = [];
    for (let i = 1; i < keyLookupsPerIpPerMinute; i++) {
      guesses.push((await post(unknownKey(limiter, i), ipA)).status);
    }
    expect(new Set(guesses)).toEqual(new Set([401]));

    const refused = await post(unknownKey(limiter, 10_000), ipA);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe("rate_limited");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);

    // Already known to the process (valid, or unknown within the 30 s cache): no lookup.
    expect((await post(project.key, ipA)).status).toBe(202);
    expect((await post(unknownKey(limiter, 1), ipA)).status).toBe(401);
    // Another address has its own budget.
    expect((await post(unknownKey(limiter, 20_000), ipB)).status).toBe(401);
  });

  it("does not limit callers whose address is unknown (they would all share one budget)", async () => {
    delete process.env.LOGWELL_TRUSTED_PROXY_HEADER;
    resetEnvCache();
    try {
      const statuses = new Set<number>();
      for (let i = 0; i <= keyLookupsPerIpPerMinute; i++) {
        statuses.add((await post(unknownKey(`${limiter}u`, i), ipA)).status);
      }
      expect(statuses).toEqual(new Set([401]));
    } finally {
      process.env.LOGWELL_TRUSTED_PROXY_HEADER = ipHeader;
      resetEnvCache();
    }
  });

  it("a preflight past the limit passes without asking, so 403/204 tells nothing", async () => {
    const guarded = await seedProject(database.db, {
      allowedOrigins: ["https://app.example.com"],
    });
    const preflight = async (ip: string) => {
      const request = new Request(`http://localhost/api/v1/logs?key=${guarded.key}`, {
        method: "OPTIONS",
        headers: { origin: "https://evil.example.com", [ipHeader]: ip },
      });
      return (await withRequestContext(request, (ctx) => ingestPreflight(ctx, { db: database.db })))
        .status;
    };
    // ipA spent its budget in the test above: the key is not looked up, the POST decides.
    expect(await preflight(ipA)).toBe(204);
    forgetIngestKeys();
    // With budget left, the lookup happens and the allow-list refuses the origin.
    const ipC = `198.51.${run}.30`;
    expect(await preflight(ipC)).toBe(403);
  });
});
