import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chooseDriver } from "@/lib/db/open";
import { databaseUrl, env, isProduction } from "@/lib/env";
import { logger } from "@/lib/log";

/** True when this deployment runs on the embedded PGlite folder (one machine, `npm start`). */
export function isEmbeddedDatabase(): boolean {
  return chooseDriver(databaseUrl(), env().DATABASE_DRIVER) === "pglite";
}

let cached: string | undefined;

/**
 * AUTH_SECRET from the environment; otherwise one generated once and kept in
 * `<LOGWELL_DATA_DIR>/auth-secret` (mode 0600), so sessions survive restarts. Production on a
 * server database must set it: several instances would each invent their own and reject each
 * other's cookies.
 */
export function authSecret(): string {
  if (cached) return cached;
  const fromEnv = env().AUTH_SECRET;
  if (fromEnv) {
    cached = fromEnv;
    return cached;
  }
  if (isProduction() && !isEmbeddedDatabase()) {
    throw new Error("AUTH_SECRET is required in production (generate one: openssl rand -hex 32)");
  }
  const file = path.join(env().LOGWELL_DATA_DIR, "auth-secret");
  cached = readOrCreateSecret(file);
  if (isProduction()) {
    logger.warn({ file }, "AUTH_SECRET is not set: using the secret generated in the data folder");
  }
  return cached;
}

function readOrCreateSecret(file: string): string {
  try {
    const existing = readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("hex");
  try {
    // "wx": if another process created it first, read theirs instead of overwriting it.
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
    chmodSync(file, 0o600);
    return secret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return readFileSync(file, "utf8").trim();
    throw err;
  }
}

/** Tests only: forget the memoised secret after changing the environment. */
export function resetAuthSecretCache(): void {
  cached = undefined;
}
