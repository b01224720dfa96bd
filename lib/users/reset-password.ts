import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { endUserSessions } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/open";
import { users } from "@/lib/db/schema";
import { ApiError } from "@/lib/http/errors";
import { hashPassword } from "./password";
import { createPasswordLink } from "./password-links";

/**
 * An owner's reset: the old password stops working, every session of the user ends, and a
 * one-time link (returned, shown once to the owner to pass on) lets the user choose a new one.
 * The owner never learns the new password.
 */
export async function resetUserPassword(db: Db, userId: string): Promise<string> {
  return db.transaction(async (tx) => {
    const changed = await tx
      .update(users)
      .set({ passwordHash: null })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (changed.length === 0) throw new ApiError("not_found", "User not found.");
    await endUserSessions(tx as unknown as Db, userId);
    return createPasswordLink(tx as unknown as Db, userId, "reset");
  });
}

/**
 * The operator's reset (`npm run logwell -- user reset-password`): sets the given password, or a
 * random one (returned), and ends every session of the user.
 */
export async function setUserPassword(
  db: Db,
  email: string,
  password?: string,
): Promise<{ password: string; generated: boolean } | null> {
  const chosen = password ?? randomBytes(18).toString("base64url");
  if (chosen.length < 10 || chosen.length > 256) {
    throw new ApiError("invalid_request", "The password must be 10 to 256 characters.");
  }
  const passwordHash = await hashPassword(chosen);
  return db.transaction(async (tx) => {
    const [user] = await tx
      .update(users)
      .set({ passwordHash })
      .where(eq(users.email, email.trim().toLowerCase()))
      .returning({ id: users.id });
    if (!user) return null;
    await endUserSessions(tx as unknown as Db, user.id);
    return { password: chosen, generated: password === undefined };
  });
}
