// Issue 11 item 7 on `npm start`: responses outside the proxy's matcher (Auth.js's own pages,
// JSON APIs, the direct ingest lane, the SDK) carry the security headers too (threats XSS-6,
// EXP-2); the SDK stays loadable by other sites.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SeededServer, startSeededServer } from "../../support/seed";

describe("security headers outside the pages' proxy", () => {
  let api: SeededServer;
  beforeAll(async () => {
    api = await startSeededServer("pglite");
  }, 180_000);
  afterAll(async () => api?.cleanup());

  const get = (path: string, init?: RequestInit) =>
    fetch(api.server.url + path, { redirect: "manual", ...init });

  it.each(["/api/auth/signout", "/api/auth/verify-request"])(
    "%s (Auth.js's HTML) cannot be framed or sniffed",
    async (path) => {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/html");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    },
  );

  it("a JSON 401 from the read API is nosniff", async () => {
    const res = await get("/api/v1/logs");
    expect(res.status).toBe(401);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("ingest answers over the direct lane are nosniff", async () => {
    const res = await get("/api/v1/logs", {
      method: "POST",
      headers: { "content-type": "application/json", "x-logwell-key": api.projects[0]?.key ?? "" },
      body: JSON.stringify({ message: "hello" }),
    });
    expect(res.status).toBe(202);
    expect(api.server.output()).toContain('"directLane":true');
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const refused = await get("/api/v1/logs", { method: "POST", body: "{}" });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("pages carry each header once (proxy and config do not add up)", async () => {
    const res = await get("/login");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toMatch(/nonce-/);
  });

  it.each(["/logwell.js", "/logwell.mjs"])("%s stays a cross-origin script", async (path) => {
    const res = await get(path, { headers: { origin: "https://elsewhere.example" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^(application|text)\/javascript/);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
