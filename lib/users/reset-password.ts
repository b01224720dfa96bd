import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/open";
import { ApiError } from "@/lib/http/errors";
import { hashPassword, newPasswordSchema } from "./password";
import { createPasswordLink } from "./password-links";
import { replacePassword, userWithEmail, userWithId } from "./replace-password";

/**
 * An owner's reset: the old password stops working, every session of the user ends, and a
 * one-time link (returned, shown once to the owner to pass on) lets the user choose a new one.
 * The owner never learns the new password.
 */
export async function resetUserPassword(db: Db, userId: string): Promise<string> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const user = await replacePassword(t, userWithId(userId), { passwordHash: null });
    if (!user) throw new ApiError("not_found", "User not found.");
    return createPasswordLink(t, userId, "reset");
  });
}

/**
 * The operator's reset (`npm run logwell -- user reset-password`): sets the given password, or a
 * random one (returned), and ends every session of the user. Null when no user has the email.
 */
export async function setUserPassword(
  db: Db,
  email: string,
  password?: string,
): Promise<{ password: string; generated: boolean } | null> {
  const chosen = newPasswordSchema.parse(password ?? randomBytes(18).toString("base64url"));
  const passwordHash = await hashPassword(chosen);
  const user = await db.transaction((tx) =>
    replacePassword(tx as unknown as Db, userWithEmail(email), { passwordHash }),
  );
  return user ? { password: chosen, generated: password === undefined } : null;
}
