import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { endUserSessions } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/open";
import { users } from "@/lib/db/schema";
import { ApiError } from "@/lib/http/errors";
import { hashPassword } from "./password";

/**
 * An owner's reset: a new random password (shown once to the owner, who passes it on) replaces
 * the old one and every session of the user ends, so whoever knew or held the old one is out.
 */
export async function resetUserPassword(db: Db, userId: string): Promise<string> {
  // 18 random bytes: 24 base64url characters, well past the 10-character minimum.
  const password = randomBytes(18).toString("base64url");
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const changed = await tx
      .update(users)
      .set({ passwordHash })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (changed.length === 0) throw new ApiError("not_found", "User not found.");
    await endUserSessions(tx as unknown as Db, userId);
  });
  return password;
}
