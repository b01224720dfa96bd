import { eq, type SQL } from "drizzle-orm";
import { endUserSessions } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/open";
import { users } from "@/lib/db/schema";

/**
 * Every way a password changes (own change, owner's reset, set-password link, CLI) ends the
 * user's sessions with it, in the caller's transaction: whoever knew or held the old one is out.
 * `keepSessionId` is the browser that asked, when it may stay. Null when no user matched.
 */
export async function replacePassword(
  tx: Db,
  which: SQL | undefined,
  set: { passwordHash: string | null; name?: string },
  keepSessionId?: string,
): Promise<{ id: string; email: string } | null> {
  const [user] = await tx
    .update(users)
    .set(set)
    .where(which)
    .returning({ id: users.id, email: users.email });
  if (!user) return null;
  await endUserSessions(tx, user.id, keepSessionId);
  return user;
}

export const userWithId = (id: string) => eq(users.id, id);
export const userWithEmail = (email: string) => eq(users.email, email.trim().toLowerCase());
