import { asc, eq, sql } from "drizzle-orm";
import { revokeTokensCreatedBy, tokenCreatorRoles } from "@/lib/auth/admin-tokens";
import type { Db } from "@/lib/db/open";
import { type UserRole, users } from "@/lib/db/schema";
import { ApiError } from "@/lib/http/errors";

export async function listUsers(db: Db) {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
      createdAt: users.createdAt,
      lastSignInAt: users.lastSignInAt,
    })
    .from(users)
    .orderBy(asc(users.email));
}

/**
 * Changes a role or removes a user, never leaving the deployment without an owner. The owner
 * rows are locked first, so two owners demoting each other at once cannot both succeed.
 */
async function withOwnersLocked<T>(db: Db, work: (tx: Db, owners: string[]) => Promise<T>) {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.role, "owner"))
      .for("update");
    return work(
      tx as unknown as Db,
      rows.map((r) => r.id),
    );
  });
}

const lastOwner = () =>
  new ApiError("conflict", "This is the last owner: make someone else an owner first.");

export async function changeUserRole(db: Db, userId: string, role: UserRole): Promise<void> {
  await withOwnersLocked(db, async (tx, owners) => {
    if (role !== "owner" && owners.length === 1 && owners[0] === userId) throw lastOwner();
    const changed = await tx
      .update(users)
      .set({ role })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (changed.length === 0) throw new ApiError("not_found", "User not found.");
    // A viewer may not hold API tokens: demotion ends the ones they made (issue: tokens
    // outliving their creator's access). Promotion later does not bring them back.
    if (!(tokenCreatorRoles as readonly UserRole[]).includes(role)) {
      await revokeTokensCreatedBy(tx, userId);
    }
  });
}

export async function deleteUser(db: Db, userId: string): Promise<void> {
  await withOwnersLocked(db, async (tx, owners) => {
    if (owners.length === 1 && owners[0] === userId) throw lastOwner();
    // Their sessions go with the row (cascade); their tokens are kept, revoked, so the tokens
    // page can still say which ones a removed user made.
    await revokeTokensCreatedBy(tx, userId);
    const gone = await tx.delete(users).where(eq(users.id, userId)).returning({ id: users.id });
    if (gone.length === 0) throw new ApiError("not_found", "User not found.");
  });
}

/** False for users invited to sign in with OAuth only. */
export async function userHasPassword(db: Db, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ has: sql<boolean>`${users.passwordHash} is not null` })
    .from(users)
    .where(eq(users.id, userId));
  return Boolean(row?.has);
}
