import { describe, expect, it } from "vitest";
import { isOriginAllowed, isValidOriginPattern, requestOrigin } from "@/lib/http/cors";

// Threat HTTP-3: exact scheme+host+port, explicit wildcards only (Sentry CVE-2023-36829).
describe("origin allow-list", () => {
  const allowed = ["https://app.example.com", "https://*.example.org", "http://localhost:3000"];

  it.each([
    ["https://app.example.com", true],
    ["https://APP.example.com", true],
    ["https://app.example.com:443", true],
    ["http://app.example.com", false],
    ["https://app.example.com:8443", false],
    ["https://evilapp.example.com", false],
    ["https://app.example.com.evil.net", false],
    ["https://a.example.org", true],
    ["https://a.b.example.org", true],
    ["https://example.org", false],
    ["https://evilexample.org", false],
    ["http://localhost:3000", true],
    ["http://localhost", false],
    ["null", false],
    ["file://", false],
    ["not a url", false],
  ])("%s → %s", (origin, expected) => {
    expect(isOriginAllowed(origin, allowed)).toBe(expected);
  });

  it("an empty list admits any origin, even null", () => {
    expect(isOriginAllowed("https://anything.example", [])).toBe(true);
    expect(isOriginAllowed("null", [])).toBe(true);
  });

  it.each([
    ["https://app.example.com", true],
    ["https://*.example.com", true],
    ["http://localhost:3000/", true],
    ["app.example.com", false],
    ["https://app.example.com/path", false],
    ["https://*example.com", false],
    ["ftp://x.example", false],
    ["*", false],
  ])("pattern %s valid: %s", (pattern, expected) => {
    expect(isValidOriginPattern(pattern)).toBe(expected);
  });
});

describe("requestOrigin", () => {
  it.each([
    ["https://app.example.com", "https://app.example.com"],
    ["null", "null"],
    ["https://\u00e9.example", null],
    ["https://a.example\u00ff", null],
    [`https://${"a".repeat(600)}.example`, null],
  ])("%j → %j", (origin, expected) => {
    expect(requestOrigin(new Headers({ origin }))).toBe(expected);
  });

  it("no header → null", () => {
    expect(requestOrigin(new Headers())).toBeNull();
  });
});
