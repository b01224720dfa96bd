import type { Db } from "@/lib/db/open";
import { createUser } from "@/lib/users/create-user";
import { hasAnyUser, lockFirstOwner } from "./first-owner-lock";

/**
 * With LOGWELL_ADMIN_EMAIL + LOGWELL_ADMIN_PASSWORD set and no user yet, creates that owner.
 * Idempotent across restarts and concurrently starting instances (first-owner lock). Returns the
 * new user's id, or null when a user already existed. The password is never logged.
 */
export async function ensureOwnerFromEnv(
  db: Db,
  admin: { email: string; password: string },
): Promise<string | null> {
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    await lockFirstOwner(tx);
    if (await hasAnyUser(tx)) return null;
    const user = await createUser(tx, {
      email: admin.email,
      password: admin.password,
      role: "owner",
    });
    return user.id;
  });
}
