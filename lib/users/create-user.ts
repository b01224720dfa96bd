import { z } from "zod";
import type { Db } from "@/lib/db/open";
import { userRoles, users } from "@/lib/db/schema";
import { textLimits } from "@/lib/input-limits";
import { hashPassword, newPasswordSchema } from "./password";

export const newUserSchema = z.object({
  email: z
    .email()
    .max(textLimits.emailChars)
    .transform((e) => e.toLowerCase()),
  // Long enough to resist guessing; the upper bound stops multi-megabyte hashing requests.
  password: newPasswordSchema.optional(),
  name: z.string().trim().max(textLimits.nameChars).optional(),
  role: z.enum(userRoles).default("viewer"),
});

export type NewUserInput = z.input<typeof newUserSchema>;

/** Creates a user; without a password the user can only sign in with an invited OAuth email. */
export async function createUser(db: Db, input: NewUserInput) {
  const data = newUserSchema.parse(input);
  const passwordHash = data.password ? await hashPassword(data.password) : null;
  const [user] = await db
    .insert(users)
    .values({ email: data.email, name: data.name ?? null, role: data.role, passwordHash })
    .returning({ id: users.id, email: users.email, role: users.role, name: users.name });
  if (!user) throw new Error("insert into users returned no row");
  return user;
}
