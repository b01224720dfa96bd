// Small pure guards: same-origin check (AUTH-5), post-login redirect target (open redirect),
// and which requests the proxy touches (ingest and the SDK never; stack notes).
import { describe, expect, it } from "vitest";
import { isSameOriginRequest } from "@/lib/auth/csrf";
import { safeRedirectTarget } from "@/lib/auth/redirect-target";
import { hasSessionCookie, isDashboardPath } from "@/lib/auth/session-cookie";
import { config } from "@/proxy";

const req = (headers: Record<string, string>) =>
  new Request("http://x.test/api/v1/projects", { method: "POST", headers });

describe("isSameOriginRequest", () => {
  it("accepts our own origin, including behind a proxy that sets X-Forwarded-Host", () => {
    expect(
      isSameOriginRequest(req({ host: "logs.example.com", origin: "https://logs.example.com" })),
    ).toBe(true);
    expect(
      isSameOriginRequest(req({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" })),
    ).toBe(true);
    expect(
      isSameOriginRequest(
        req({
          host: "internal:3000",
          "x-forwarded-host": "logs.example.com",
          origin: "https://logs.example.com",
        }),
      ),
    ).toBe(true);
  });

  it("refuses other origins, look-alikes, opaque origins and cross-site fetch metadata", () => {
    for (const headers of <Record<string, string>[]>[
      { host: "logs.example.com", origin: "https://evil.example" },
      { host: "logs.example.com", origin: "https://logs.example.com.evil.example" },
      { host: "logs.example.com", origin: "https://logs.example.com:8443" },
      { host: "logs.example.com", origin: "null" },
      { host: "logs.example.com", origin: "not a url" },
      { host: "logs.example.com", "sec-fetch-site": "cross-site" },
      { host: "logs.example.com", "sec-fetch-site": "same-site" },
    ]) {
      expect(isSameOriginRequest(req(headers))).toBe(false);
    }
  });
});

describe("safeRedirectTarget", () => {
  it("keeps paths on this site", () => {
    expect(safeRedirectTarget("/projects/abc/logs?level=error")).toBe(
      "/projects/abc/logs?level=error",
    );
  });
  it("falls back for absolute, protocol-relative, backslash and control-character targets", () => {
    for (const bad of [
      "https://evil.example",
      "//evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
      "/a\r\nSet-Cookie: x",
      "",
      undefined,
      42,
      "/".repeat(3000),
    ]) {
      expect(safeRedirectTarget(bad)).toBe("/projects");
    }
  });
});

describe("proxy scope", () => {
  const source = config.matcher[0]?.source ?? "";
  // Next compiles the matcher with path-to-regexp; the negative lookahead is what decides here.
  const matches = (path: string) => new RegExp(`^${source}$`).test(path);

  it("never runs for API routes (ingest bodies must not be buffered) or the SDK", () => {
    for (const path of [
      "/api/v1/logs",
      "/api/v1/logs/export",
      "/api/v1/projects",
      "/api/auth/session",
      "/api/health",
      "/logwell.js",
      "/_next/static/chunks/a.js",
    ]) {
      expect(matches(path)).toBe(false);
    }
  });

  it("runs for pages so they get the CSP and the optimistic redirect", () => {
    for (const path of [
      "/",
      "/login",
      "/projects",
      "/projects/x/logs",
      "/settings/users",
      "/apiary",
    ]) {
      expect(matches(path)).toBe(true);
    }
  });

  it("redirects only dashboard paths and recognises Auth.js session cookies", () => {
    expect(isDashboardPath("/projects")).toBe(true);
    expect(isDashboardPath("/settings/tokens")).toBe(true);
    expect(isDashboardPath("/login")).toBe(false);
    expect(isDashboardPath("/setup")).toBe(false);
    expect(hasSessionCookie(["authjs.session-token"])).toBe(true);
    expect(hasSessionCookie(["__Secure-authjs.session-token.0"])).toBe(true);
    expect(hasSessionCookie(["authjs.csrf-token", "next-auth.session-token"])).toBe(false);
  });
});
