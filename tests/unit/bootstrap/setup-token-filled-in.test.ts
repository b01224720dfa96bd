// First-run setup fills in its own token only under `npm run dev` (loopback only); a production
// server, or a dev server opened to the network without scripts/dev.mjs, asks for it (AUTH-8).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { setupTokenFilledIn } from "@/lib/bootstrap/setup-token";

describe("setupTokenFilledIn", () => {
  it("only in development and only when npm run dev says it listens on this computer alone", () => {
    expect(setupTokenFilledIn({ NODE_ENV: "development", LOGWELL_DEV_LOCAL_ONLY: "true" })).toBe(
      true,
    );
    expect(setupTokenFilledIn({ NODE_ENV: "development" })).toBe(false);
    expect(setupTokenFilledIn({ NODE_ENV: "production", LOGWELL_DEV_LOCAL_ONLY: "true" })).toBe(
      false,
    );
    expect(setupTokenFilledIn({ NODE_ENV: "test", LOGWELL_DEV_LOCAL_ONLY: "true" })).toBe(false);
  });

  it("npm run dev is the script that binds 127.0.0.1 and says so", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { dev: string } };
    expect(pkg.scripts.dev).toBe("node scripts/dev.mjs");
    const script = readFileSync("scripts/dev.mjs", "utf8");
    expect(script).toContain('"-H",\n    "127.0.0.1"');
    expect(script).toContain('LOGWELL_DEV_LOCAL_ONLY: "true"');
  });
});
