import { randomBytes, timingSafeEqual } from "node:crypto";
import { like, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db/open";
import { appState } from "@/lib/db/schema";
import { hashSecret } from "@/lib/keys/secrets";
import { createUser, newUserSchema } from "@/lib/users/create-user";
import { hasAnyUser, lockFirstOwner } from "./first-owner-lock";

// One app_state row per issued token ("setup_token:<random id>" → its SHA-256). Every server
// start (every serverless instance) adds one, so each token printed to a log stays valid until
// the first owner exists; claiming deletes them all.
const tokenKeyPrefix = "setup_token:";
const tokenPrefix = "lw_setup_";
const storedTokenSchema = z.object({ hash: z.string().length(64) });
const keptTokens = 20;

/**
 * Whether /setup may fill in its own token: only under `npm run dev`, which listens on this
 * computer alone, so whoever sees the page could read the server log anyway. Anywhere else the
 * token is what keeps a stranger from claiming a fresh deployment (threat AUTH-8).
 */
export function setupTokenFilledIn(e: { NODE_ENV: string; LOGWELL_DEV_LOCAL_ONLY?: string }) {
  return e.NODE_ENV === "development" && e.LOGWELL_DEV_LOCAL_ONLY === "true";
}

/**
 * Issues a one-time setup token for the `/setup` form and stores only its hash. Null when a user
 * already exists (nothing to set up).
 */
export async function issueSetupToken(db: Db): Promise<string | null> {
  if (await hasAnyUser(db)) return null;
  const token = tokenPrefix + randomBytes(24).toString("base64url");
  await db.insert(appState).values({
    key: tokenKeyPrefix + randomBytes(8).toString("hex"),
    value: { hash: hashSecret(token), created_at: new Date().toISOString() },
  });
  // A server stuck in a restart loop must not grow this list without bound: keep the newest.
  await db.execute(sql`
    delete from app_state where key like ${`${tokenKeyPrefix}%`} and key not in (
      select key from app_state where key like ${`${tokenKeyPrefix}%`}
      order by updated_at desc, key limit ${keptTokens})`);
  return token;
}

export interface ClaimInput {
  email: string;
  password: string;
  name?: string;
  token: string;
}

export type ClaimResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "bad_token" | "already_claimed" | "invalid" };

// Digests have a fixed length, so timingSafeEqual never throws and the comparison leaks neither
// content nor length of the expected token (threat CRON-1's rule applied to setup).
function tokenMatches(given: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(given), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Creates the first owner if `token` is a valid setup token and no user exists yet, in one
 * transaction under the first-owner lock: two racing claims create exactly one owner.
 */
export async function claimFirstOwner(db: Db, input: ClaimInput): Promise<ClaimResult> {
  const parsed = newUserSchema.safeParse({ ...input, role: "owner" });
  if (!parsed.success || typeof input.token !== "string") return { ok: false, reason: "invalid" };
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    await lockFirstOwner(tx);
    if (await hasAnyUser(tx)) return { ok: false, reason: "already_claimed" } as const;
    const rows = await tx
      .select({ value: appState.value })
      .from(appState)
      .where(like(appState.key, `${tokenKeyPrefix}%`));
    // Compare against every stored token (a handful), not just until the first match.
    let matched = false;
    for (const row of rows) {
      const stored = storedTokenSchema.safeParse(row.value);
      if (stored.success && tokenMatches(input.token, stored.data.hash)) matched = true;
    }
    if (!matched) return { ok: false, reason: "bad_token" } as const;
    const user = await createUser(tx, { ...parsed.data, role: "owner" });
    await tx.delete(appState).where(like(appState.key, `${tokenKeyPrefix}%`));
    return { ok: true, userId: user.id } as const;
  });
}
