// TC-14 / TC-32: the proxy-bypass advisories (CVE-2025-29927; GHSA-6gpp-xcg3-4w24, Next
// 16.0.0–16.2.10) are fixed in the installed Next, and next-auth is the pinned v5 line.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);

function installedVersion(pkg: string): string {
  const file = require.resolve(`${pkg}/package.json`);
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}

function atLeast(version: string, floor: [number, number, number]): boolean {
  const parts = version.split(/[.-]/).slice(0, 3).map(Number);
  for (let i = 0; i < 3; i++) {
    const have = parts[i] ?? 0;
    const want = floor[i] ?? 0;
    if (have !== want) return have > want;
  }
  return true;
}

describe("security version floors", () => {
  it("next is at least 16.2.11", () => {
    expect(atLeast(installedVersion("next"), [16, 2, 11])).toBe(true);
  });

  it("next-auth is the v5 line (beta.32 or later), not v4", () => {
    const version = installedVersion("next-auth");
    expect(version).toMatch(/^5\.0\.0-beta\.\d+$/);
    expect(Number(version.split(".").pop())).toBeGreaterThanOrEqual(32);
  });
});
