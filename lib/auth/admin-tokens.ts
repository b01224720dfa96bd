import { and, desc, eq, inArray, isNull, lt, or } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db/open";
import { adminTokenRoles, adminTokens, users } from "@/lib/db/schema";
import { textLimits } from "@/lib/input-limits";
import {
  adminTokenPrefix,
  displayPrefix,
  generateSecret,
  hashSecret,
  looksLikeAdminToken,
} from "@/lib/keys/secrets";

/** Roles that may hold API tokens: a token never outranks a viewer's project scope. */
export const tokenCreatorRoles = ["owner", "admin"] as const;

export const newAdminTokenSchema = z.object({
  name: z.string().trim().min(1).max(textLimits.nameChars),
  role: z.enum(adminTokenRoles).default("admin"),
});

/** Who makes a token: a signed-in admin (the token lives while they stay one), or the CLI. */
export type TokenCreator = { userId: string } | "cli";

/** Creates an admin API token; the full token is returned only here (shown once). */
export async function createAdminToken(
  db: Db,
  input: z.input<typeof newAdminTokenSchema>,
  creator: TokenCreator,
) {
  const { name, role } = newAdminTokenSchema.parse(input);
  const token = generateSecret(adminTokenPrefix);
  const [row] = await db
    .insert(adminTokens)
    .values({
      name,
      role,
      createdBy: creator === "cli" ? null : creator.userId,
      createdVia: creator === "cli" ? "cli" : "dashboard",
      prefix: displayPrefix(token),
      tokenHash: hashSecret(token),
    })
    .returning();
  if (!row) throw new Error("insert into admin_tokens returned no row");
  return { token, adminToken: row };
}

/** Every token for the settings page, with who made it: never the hash. */
export async function listAdminTokens(db: Db) {
  return db
    .select({
      id: adminTokens.id,
      name: adminTokens.name,
      prefix: adminTokens.prefix,
      role: adminTokens.role,
      createdVia: adminTokens.createdVia,
      creatorEmail: users.email,
      creatorRole: users.role,
      createdAt: adminTokens.createdAt,
      lastUsedAt: adminTokens.lastUsedAt,
      revokedAt: adminTokens.revokedAt,
    })
    .from(adminTokens)
    .leftJoin(users, eq(users.id, adminTokens.createdBy))
    .orderBy(desc(adminTokens.createdAt));
}

/**
 * Revokes every live token a user made. Called in the same transaction that removes the user
 * or demotes them below admin, so no token outlives its creator's right to hold one.
 */
export async function revokeTokensCreatedBy(db: Db, userId: string): Promise<number> {
  const rows = await db
    .update(adminTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(adminTokens.createdBy, userId), isNull(adminTokens.revokedAt)))
    .returning({ id: adminTokens.id });
  return rows.length;
}

/** Revokes a token; false when no live token has that id. */
export async function revokeAdminToken(db: Db, id: string): Promise<boolean> {
  if (!z.uuid().safeParse(id).success) return false;
  const rows = await db
    .update(adminTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(adminTokens.id, id), isNull(adminTokens.revokedAt)))
    .returning({ id: adminTokens.id });
  return rows.length > 0;
}

/**
 * The live token behind a bearer value, looked up by its hash only (threat AUTH-1). A dashboard
 * token counts only while its creator exists and is still an admin or owner: checked here, where
 * the token is read, as well as by revoking on removal and demotion, so a role changed any other
 * way (the CLI, SQL) cannot leave a token with more power than its creator.
 */
export async function findLiveAdminToken(db: Db, bearer: string) {
  if (!looksLikeAdminToken(bearer)) return null;
  const [row] = await db
    .select({ id: adminTokens.id, role: adminTokens.role })
    .from(adminTokens)
    .leftJoin(users, eq(users.id, adminTokens.createdBy))
    .where(
      and(
        eq(adminTokens.tokenHash, hashSecret(bearer)),
        isNull(adminTokens.revokedAt),
        or(eq(adminTokens.createdVia, "cli"), inArray(users.role, tokenCreatorRoles)),
      ),
    )
    .limit(1);
  if (!row) return null;
  // At most one write a minute per token, so a busy script does not write on every call.
  const minuteAgo = new Date(Date.now() - 60_000);
  await db
    .update(adminTokens)
    .set({ lastUsedAt: new Date() })
    .where(
      and(
        eq(adminTokens.id, row.id),
        or(isNull(adminTokens.lastUsedAt), lt(adminTokens.lastUsedAt, minuteAgo)),
      ),
    );
  return row;
}
