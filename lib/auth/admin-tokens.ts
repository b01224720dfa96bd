import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db/open";
import { adminTokenRoles, adminTokens } from "@/lib/db/schema";
import {
  adminTokenPrefix,
  displayPrefix,
  generateSecret,
  hashSecret,
  looksLikeAdminToken,
} from "@/lib/keys/secrets";

export const newAdminTokenSchema = z.object({
  name: z.string().trim().min(1).max(100),
  role: z.enum(adminTokenRoles).default("admin"),
});

/** Creates an admin API token; the full token is returned only here (shown once). */
export async function createAdminToken(
  db: Db,
  input: z.input<typeof newAdminTokenSchema>,
  createdBy: string | null = null,
) {
  const { name, role } = newAdminTokenSchema.parse(input);
  const token = generateSecret(adminTokenPrefix);
  const [row] = await db
    .insert(adminTokens)
    .values({ name, role, createdBy, prefix: displayPrefix(token), tokenHash: hashSecret(token) })
    .returning();
  if (!row) throw new Error("insert into admin_tokens returned no row");
  return { token, adminToken: row };
}

/** Every token for the settings page: never the hash. */
export async function listAdminTokens(db: Db) {
  return db
    .select({
      id: adminTokens.id,
      name: adminTokens.name,
      prefix: adminTokens.prefix,
      role: adminTokens.role,
      createdAt: adminTokens.createdAt,
      lastUsedAt: adminTokens.lastUsedAt,
      revokedAt: adminTokens.revokedAt,
    })
    .from(adminTokens)
    .orderBy(desc(adminTokens.createdAt));
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

/** The live token behind a bearer value, looked up by its hash only (threat AUTH-1). */
export async function findLiveAdminToken(db: Db, bearer: string) {
  if (!looksLikeAdminToken(bearer)) return null;
  const [row] = await db
    .select({ id: adminTokens.id, role: adminTokens.role })
    .from(adminTokens)
    .where(and(eq(adminTokens.tokenHash, hashSecret(bearer)), isNull(adminTokens.revokedAt)))
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
