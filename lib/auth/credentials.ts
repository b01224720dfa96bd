import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db/open";
import { type UserRole, users } from "@/lib/db/schema";
import { textLimits } from "@/lib/input-limits";
import { verifyAgainstDummy, verifyPassword } from "@/lib/users/password";

export const credentialsSchema = z.object({
  email: z
    .string()
    .trim()
    .max(textLimits.emailChars)
    .transform((e) => e.toLowerCase()),
  // The cap stops a multi-megabyte password from costing a multi-megabyte scrypt input.
  password: z.string().min(1).max(textLimits.passwordChars),
});

export interface SignedInUser {
  id: string;
  email: string;
  name: string | null;
  role: UserRole;
}

/**
 * Checks an email and password. Unknown emails, OAuth-only users and wrong passwords all spend
 * one scrypt and return null, so the answer and its timing do not reveal who has an account
 * (threat AUTH-10).
 */
export async function verifyCredentials(db: Db, input: unknown): Promise<SignedInUser | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) {
    const password = (input as { password?: unknown } | null)?.password;
    await verifyAgainstDummy(typeof password === "string" ? password.slice(0, 256) : "");
    return null;
  }
  const { email, password } = parsed.data;
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  if (!user?.passwordHash) return verifyAgainstDummy(password).then(() => null);
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id));
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** OAuth sign-in: only emails an owner invited (a row in `users`) may enter; no open sign-up. */
export async function findInvitedUser(db: Db, email: string | null | undefined) {
  if (!email) return null;
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()))
    .limit(1);
  if (user) await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id));
  return user ?? null;
}
