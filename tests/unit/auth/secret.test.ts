// AUTH_SECRET: from the environment, else generated once into the data folder (0600); required
// in production on a server database, generated with a warning on embedded PGlite.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { authSecret, resetAuthSecretCache } from "@/lib/auth/secret";
import { resetEnvCache } from "@/lib/env";

const keys = [
  "AUTH_SECRET",
  "NODE_ENV",
  "DATABASE_URL",
  "POSTGRES_URL",
  "DATABASE_DRIVER",
  "LOGWELL_DATA_DIR",
] as const;

// process.env is typed with a read-only NODE_ENV; tests need to flip it.
const envVars = process.env as Record<string, string | undefined>;

describe("authSecret", () => {
  let saved: Record<string, string | undefined>;
  let dir: string;

  beforeEach(() => {
    saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
    for (const k of keys) delete process.env[k];
    dir = mkdtempSync(path.join(tmpdir(), "logwell-secret-"));
    process.env.LOGWELL_DATA_DIR = dir;
    resetEnvCache();
    resetAuthSecretCache();
  });
  afterEach(() => {
    for (const k of keys) {
      if (saved[k] === undefined) delete process.env[k];
      else envVars[k] = saved[k];
    }
    resetEnvCache();
    resetAuthSecretCache();
    rmSync(dir, { recursive: true, force: true });
  });

  it("uses AUTH_SECRET when set", () => {
    process.env.AUTH_SECRET = "from-env-0123456789abcdef0123456789";
    resetEnvCache();
    expect(authSecret()).toBe("from-env-0123456789abcdef0123456789");
  });

  it("generates one secret, keeps it in <data dir>/auth-secret with mode 0600, and reuses it", () => {
    const first = authSecret();
    const file = path.join(dir, "auth-secret");
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(file, "utf8").trim()).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    resetAuthSecretCache();
    expect(authSecret()).toBe(first);
  });

  it("is required in production on a server database", () => {
    envVars.NODE_ENV = "production";
    process.env.DATABASE_URL = "postgres://db.example/logwell";
    resetEnvCache();
    expect(() => authSecret()).toThrow(/AUTH_SECRET is required/);
  });

  it("is generated in production on embedded PGlite (npm start on defaults works)", () => {
    envVars.NODE_ENV = "production";
    resetEnvCache();
    expect(authSecret()).toMatch(/^[0-9a-f]{64}$/);
  });
});
