import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SeededServer, startSeededServer } from "../../support/seed";
import { rawPost } from "./ingest-client";

// CORS (threats HTTP-2…HTTP-4) and 429 semantics (TC-20) on a real server. One backend is
// enough here: nothing in these paths touches storage beyond the key lookup.

describe("CORS and rate limits on /api/v1/logs", () => {
  let seeded: SeededServer;
  let url: string;
  let anyOriginKey: string;
  let allowListKey: string;
  let limitedKey: string;

  beforeAll(async () => {
    seeded = await startSeededServer("pglite", {
      projects: [
        { name: "any origin", rateLimitPerIpPerMinute: 100_000 },
        {
          name: "allow-list",
          rateLimitPerIpPerMinute: 100_000,
          allowedOrigins: ["https://app.example.com", "https://*.example.org"],
        },
        { name: "limited", rateLimitPerIpPerMinute: 2 },
      ],
    });
    url = `${seeded.server.url}/api/v1/logs`;
    [anyOriginKey, allowListKey, limitedKey] = seeded.projects.map((p) => p.key) as [
      string,
      string,
      string,
    ];
  }, 180_000);
  afterAll(async () => {
    await seeded?.cleanup();
  });

  const send = (key: string, origin?: string) =>
    fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-logwell-key": key,
        ...(origin ? { origin } : {}),
      },
      body: JSON.stringify({ message: "cors" }),
    });

  const preflight = (origin: string, query = "") =>
    fetch(url + query, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type, x-logwell-key",
      },
    });

  it("a preflight without a key in the URL passes for any origin", async () => {
    const res = await preflight("https://anywhere.example");
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://anywhere.example");
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
    const allowed = res.headers.get("access-control-allow-headers")?.toLowerCase() ?? "";
    for (const h of [
      "content-type",
      "content-encoding",
      "x-logwell-key",
      "x-request-id",
      "authorization",
    ]) {
      expect(allowed).toContain(h);
    }
    expect(res.headers.get("access-control-max-age")).toBe("7200");
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });

  it("a preflight with ?key= follows that project's allow-list", async () => {
    const ok = await preflight("https://a.example.org", `?key=${allowListKey}`);
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://a.example.org");
    const refused = await preflight("https://evil.example", `?key=${allowListKey}`);
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    const unknownKey = await preflight("https://evil.example", `?key=lw_pub_${"C".repeat(24)}`);
    expect(unknownKey.status).toBe(204);
  });

  it("an empty allow-list admits any origin and exposes the headers a client reads", async () => {
    const res = await send(anyOriginKey, "https://whatever.example");
    expect(res.status).toBe(202);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://whatever.example");
    const exposed = res.headers.get("access-control-expose-headers")?.toLowerCase() ?? "";
    for (const h of [
      "x-request-id",
      "retry-after",
      "ratelimit-limit",
      "ratelimit-remaining",
      "ratelimit-reset",
    ]) {
      expect(exposed).toContain(h);
    }
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it.each([
    ["https://app.example.com", 202],
    ["https://deep.sub.example.org", 202],
    ["https://app.example.com.evil.net", 403],
    ["http://app.example.com", 403],
    ["https://example.org", 403],
    ["null", 403],
  ])("origin %s → %i", async (origin, status) => {
    const res = await send(allowListKey, origin);
    expect(res.status).toBe(status);
    if (status === 403) {
      expect(await res.json()).toMatchObject({ error: "origin_not_allowed" });
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
    } else {
      expect(res.headers.get("access-control-allow-origin")).toBe(origin);
    }
  });

  it("non-browser clients (no Origin) are not subject to the allow-list", async () => {
    expect((await send(allowListKey)).status).toBe(202);
  });

  it("an Origin with non-ASCII bytes is never echoed (threat V-15), and is no 500", async () => {
    const res = await rawPost(url, {
      headers: {
        "content-type": "application/json",
        "x-logwell-key": anyOriginKey,
        origin: "https://\u00e9t\u00e9.example",
      },
      chunks: [Buffer.from(JSON.stringify({ message: "latin-1 origin" }))],
    });
    expect(res.status).toBe(202);
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("early errors stay readable cross-origin (401 carries CORS headers)", async () => {
    const res = await send(`lw_pub_${"D".repeat(24)}`, "https://page.example");
    expect(res.status).toBe(401);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://page.example");
  });

  it("TC-20 429 with Retry-After and RateLimit-*, exposed to the page, nothing stored", async () => {
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 4; i++) {
      const res = await send(limitedKey, "https://page.example");
      statuses.push(res.status);
      if (res.status === 429) limited = res;
      else expect(res.headers.get("ratelimit-limit")).toBe("2");
    }
    expect(statuses).toEqual([202, 202, 429, 429]);
    if (!limited) throw new Error("no 429");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get("ratelimit-limit")).toBe("2");
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    expect(Number(limited.headers.get("ratelimit-reset"))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get("access-control-allow-origin")).toBe("https://page.example");
    expect(await limited.json()).toMatchObject({ error: "rate_limited" });
    await seeded.stopServer();
    const limitedProject = seeded.projects[2]?.id as string;
    const stored = await seeded.withDb(async (db) => {
      const { logs } = await import("@/lib/db/schema");
      const { eq } = await import("drizzle-orm");
      return db.select({ id: logs.id }).from(logs).where(eq(logs.projectId, limitedProject));
    });
    expect(stored).toHaveLength(2);
  });
});
