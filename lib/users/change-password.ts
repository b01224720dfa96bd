import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db/open";
import { users } from "@/lib/db/schema";
import { textLimits } from "@/lib/input-limits";
import { hashPassword, newPasswordSchema, verifyAgainstDummy, verifyPassword } from "./password";
import { replacePassword, userWithId } from "./replace-password";

export const changePasswordSchema = z
  .object({
    current: z.string().max(textLimits.passwordChars),
    next: newPasswordSchema,
    confirm: z.string().max(textLimits.passwordChars),
  })
  .refine((v) => v.next === v.confirm, { path: ["confirm"], message: "passwords do not match" });

/**
 * Sets a new password after checking the current one, and ends every other session of the user
 * (whoever knew the old password is signed out); `keepSessionId`, the browser that asked, stays.
 * Users invited for OAuth only have no password yet: they may set one without a current password
 * (they are signed in already).
 */
export async function changeOwnPassword(
  db: Db,
  userId: string,
  input: z.input<typeof changePasswordSchema>,
  keepSessionId: string | null,
): Promise<{ ok: true } | { ok: false; error: string }> {
  const parsed = changePasswordSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "invalid" };
  const [user] = await db
    .select({ hash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return { ok: false, error: "user not found" };
  const matches = user.hash
    ? await verifyPassword(parsed.data.current, user.hash)
    : parsed.data.current === "" || (await verifyAgainstDummy(parsed.data.current));
  if (!matches) return { ok: false, error: "the current password is wrong" };
  const passwordHash = await hashPassword(parsed.data.next);
  await db.transaction((tx) =>
    replacePassword(
      tx as unknown as Db,
      userWithId(userId),
      { passwordHash },
      keepSessionId ?? undefined,
    ),
  );
  return { ok: true };
}
