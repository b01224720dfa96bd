import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db/open";
import { type passwordLinkPurposes, passwordLinks, users } from "@/lib/db/schema";
import { ApiError } from "@/lib/http/errors";
import { textLimits } from "@/lib/input-limits";
import { hashSecret } from "@/lib/keys/secrets";
import { hashPassword, newPasswordSchema } from "./password";
import { replacePassword, userWithId } from "./replace-password";

export type PasswordLinkPurpose = (typeof passwordLinkPurposes)[number];

/** How long a link works: a week to accept an invite, a day to use a reset. */
export const passwordLinkLifetimeMs: Record<PasswordLinkPurpose, number> = {
  invite: 7 * 24 * 3600_000,
  reset: 24 * 3600_000,
};

/** Where a link's token goes: the page that sets the password. */
export const passwordLinkPath = (token: string) => `/set-password/${token}`;

/** 32 base64url characters (192 bits): as unguessable as any key (threat AUTH-1). */
const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{32}$/);

/**
 * A new one-time link for the user; any earlier unused link of theirs stops working, so only
 * the newest one an owner handed out counts. Returns the token (shown once, stored by hash).
 */
export async function createPasswordLink(
  db: Db,
  userId: string,
  purpose: PasswordLinkPurpose,
  now = new Date(),
): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  await db
    .update(passwordLinks)
    .set({ usedAt: now })
    .where(and(eq(passwordLinks.userId, userId), isNull(passwordLinks.usedAt)));
  await db.insert(passwordLinks).values({
    userId,
    purpose,
    tokenHash: hashSecret(token),
    createdAt: now,
    expiresAt: new Date(now.getTime() + passwordLinkLifetimeMs[purpose]),
  });
  return token;
}

const live = (token: string, now: Date) =>
  and(
    eq(passwordLinks.tokenHash, hashSecret(token)),
    isNull(passwordLinks.usedAt),
    gt(passwordLinks.expiresAt, now),
  );

/** What the set-password page shows for a live link; null for an unknown, used or old one. */
export async function findPasswordLink(db: Db, token: string, now = new Date()) {
  if (!tokenSchema.safeParse(token).success) return null;
  const [row] = await db
    .select({ purpose: passwordLinks.purpose, email: users.email, name: users.name })
    .from(passwordLinks)
    .innerJoin(users, eq(users.id, passwordLinks.userId))
    .where(live(token, now))
    .limit(1);
  return row ?? null;
}

export const setPasswordSchema = z
  .object({
    password: newPasswordSchema,
    confirm: z.string().max(textLimits.passwordChars),
    name: z.string().trim().max(textLimits.nameChars).optional(),
  })
  .refine((v) => v.password === v.confirm, {
    path: ["confirm"],
    message: "passwords do not match",
  });

const gone = () =>
  new ApiError(
    "not_found",
    "This link has expired or was already used: ask an owner for a new one.",
  );

/**
 * Uses a link once: sets the password (and, for an invite, the name), ends every session the
 * user had, and returns the email to sign in with. The link row is locked, so two submissions
 * of one link cannot both succeed.
 */
export async function redeemPasswordLink(
  db: Db,
  token: string,
  input: z.input<typeof setPasswordSchema>,
  now = new Date(),
): Promise<{ email: string }> {
  if (!tokenSchema.safeParse(token).success) throw gone();
  const data = setPasswordSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  return db.transaction(async (tx) => {
    const [link] = await tx
      .select({ id: passwordLinks.id, userId: passwordLinks.userId })
      .from(passwordLinks)
      .where(live(token, now))
      .for("update");
    if (!link) throw gone();
    await tx.update(passwordLinks).set({ usedAt: now }).where(eq(passwordLinks.id, link.id));
    const user = await replacePassword(tx as unknown as Db, userWithId(link.userId), {
      passwordHash,
      ...(data.name ? { name: data.name } : {}),
    });
    if (!user) throw gone();
    return { email: user.email };
  });
}
