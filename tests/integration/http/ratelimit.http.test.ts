import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { policies } from "@/lib/ratelimit/policies";
import { awayFromWindowEdge } from "../../support/rate-window";
import { type SeededServer, startSeededServer } from "../../support/seed";
import { freePort } from "../../support/server";
import { envFor, limiterBackends } from "../ratelimit/support";

// Rate limits and client IP against the real server `npm start` runs (scripts/server.mjs).
// TC-18: forged forwarding headers cannot pick a bucket; TC-19/TC-20 over HTTP; SIZE-3 slow
// clients are cut off.

function randomIp(): string {
  const octet = () => Math.floor(Math.random() * 256);
  return `${octet()}.${octet()}.${octet()}.${octet()}`;
}

async function ingest(url: string, key: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/api/v1/logs`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-logwell-key": key, ...headers },
    body: JSON.stringify({ message: "rate limit probe" }),
  });
  return {
    status: res.status,
    headers: res.headers,
    body: (await res.json()) as Record<string, unknown>,
  };
}

async function health(url: string) {
  const res = await fetch(`${url}/api/health`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe.each(limiterBackends())("npm start (scripts/server.mjs), limiter on %s", (backend) => {
  let seeded: SeededServer;

  beforeAll(async () => {
    // Default project limits: 120 requests/min per IP.
    seeded = await startSeededServer("pglite", { projects: [{}], env: envFor(backend) });
  }, 180_000);
  afterAll(async () => {
    await seeded?.cleanup();
  });

  test("health reports the limiter backend", async () => {
    expect(await health(seeded.server.url)).toMatchObject({
      status: 200,
      body: { status: "ok", rate_limiter: backend },
    });
  });

  test("TC-18: 150 requests with forged X-Forwarded-For / X-Real-IP / Forwarded share one bucket", async () => {
    const key = seeded.projects[0]?.key as string;
    await awayFromWindowEdge(policies.ingestIp.windowMs, 25_000);
    const statuses: number[] = [];
    let refused: Awaited<ReturnType<typeof ingest>> | undefined;
    for (let i = 0; i < 150; i++) {
      const fake = randomIp();
      const res = await ingest(seeded.server.url, key, {
        "x-forwarded-for": `${fake}, ${randomIp()}`,
        "x-real-ip": randomIp(),
        forwarded: `for=${fake};proto=https`,
        "cf-connecting-ip": randomIp(),
        "true-client-ip": randomIp(),
        "x-logwell-peer-ip": fake,
        "x-logwell-peer-sig": "0".repeat(64),
      });
      statuses.push(res.status);
      if (res.status !== 202) refused ??= res;
    }
    expect(statuses.filter((s) => s === 202)).toHaveLength(120);
    expect(statuses.slice(120).every((s) => s === 429)).toBe(true);
    // TC-20 over HTTP: the 429's envelope and headers.
    expect(refused?.body).toMatchObject({ error: "rate_limited" });
    const retryAfter = refused?.headers.get("retry-after") ?? "";
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(refused?.headers.get("ratelimit-limit")).toBe("120");
    expect(refused?.headers.get("ratelimit-remaining")).toBe("0");
    expect(refused?.headers.get("ratelimit-reset")).toMatch(/^\d+$/);
    expect(refused?.headers.get("x-request-id")).toBeTruthy();
    // The wrapper vouched for the socket address: the app never fell back to "unknown".
    expect(seeded.server.output()).not.toContain("client IP unknown");
  });
});

describe("LOGWELL_TRUSTED_PROXY_HEADER and slow clients", () => {
  let seeded: SeededServer;

  beforeAll(async () => {
    seeded = await startSeededServer("pglite", {
      projects: [{ rateLimitPerIpPerMinute: 2 }],
      env: {
        LOGWELL_TRUSTED_PROXY_HEADER: "X-Forwarded-For",
        LOGWELL_HEADERS_TIMEOUT_MS: "1000",
        LOGWELL_REQUEST_TIMEOUT_MS: "2000",
      },
    });
  }, 180_000);
  afterAll(async () => {
    await seeded?.cleanup();
  });

  test("each right-most X-Forwarded-For address gets its own bucket; other headers are ignored", async () => {
    const key = seeded.projects[0]?.key as string;
    await awayFromWindowEdge(policies.ingestIp.windowMs, 10_000);
    const byClient = new Map<string, number[]>();
    for (const client of ["198.51.100.1", "198.51.100.2", "2001:db8:1:1::1"]) {
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        const res = await ingest(seeded.server.url, key, {
          // The left part is what the client claimed; the proxy appended what it saw.
          "x-forwarded-for": `${randomIp()}, ${client}`,
          "x-real-ip": randomIp(),
        });
        statuses.push(res.status);
      }
      byClient.set(client, statuses);
    }
    for (const statuses of byClient.values()) expect(statuses).toEqual([202, 202, 429]);
    // Same IPv6 /64, another interface id: the same (spent) bucket.
    const sameSubnet = await ingest(seeded.server.url, key, {
      "x-forwarded-for": "2001:db8:1:1::beef",
    });
    expect(sameSubnet.status).toBe(429);
  });

  /** Opens a raw connection, writes `head`, and resolves with what the server sent back. */
  function stall(head: string): Promise<string> {
    const { port } = new URL(seeded.server.url);
    return new Promise((resolve, reject) => {
      let received = "";
      const socket = connect(Number(port), "127.0.0.1", () => socket.write(head));
      socket.setEncoding("utf8");
      socket.on("data", (d) => {
        received += d;
      });
      socket.on("close", () => resolve(received));
      socket.on("error", reject);
    });
  }

  test("SIZE-3: headers that never finish are cut off (408), not held for 60 s", async () => {
    const answer = await stall("POST /api/v1/logs HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  test("SIZE-3: a body that stops arriving is cut off (408), not held for 300 s", async () => {
    const key = seeded.projects[0]?.key as string;
    const answer = await stall(
      "POST /api/v1/logs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
        `X-Logwell-Key: ${key}\r\nX-Forwarded-For: 192.0.2.99\r\nContent-Length: 1000\r\n\r\n{"message":`,
    );
    expect(answer).toMatch(/408/);
  });
});

describe("Redis configured but refusing connections (TC-19 over HTTP)", () => {
  let seeded: SeededServer;

  beforeAll(async () => {
    seeded = await startSeededServer("pglite", {
      projects: [{ rateLimitPerIpPerMinute: 5 }],
      env: { REDIS_URL: `redis://127.0.0.1:${await freePort()}` },
    });
  }, 180_000);
  afterAll(async () => {
    await seeded?.cleanup();
  });

  test("ingest fails open to the in-process limiter; health stays 200 and says degraded", async () => {
    const key = seeded.projects[0]?.key as string;
    await awayFromWindowEdge(policies.ingestIp.windowMs, 10_000);
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await ingest(seeded.server.url, key)).status);
    // Never a 500 because of Redis; the fallback still enforces the project's limit.
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    expect(await health(seeded.server.url)).toMatchObject({
      status: 200,
      body: { status: "ok", db: "ok", rate_limiter: "degraded" },
    });
  });
});
