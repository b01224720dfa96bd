"use server";

import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/access";
import { type ActionState, actionResult, firstIssue } from "@/lib/auth/action-state";
import { createAdminToken, newAdminTokenSchema, revokeAdminToken } from "@/lib/auth/admin-tokens";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";

export interface NewTokenState extends ActionState {
  token?: string;
}

export async function createTokenAction(
  _prev: NewTokenState,
  form: FormData,
): Promise<NewTokenState> {
  return actionResult(async () => {
    const user = await requirePageUser();
    requireRole(user, "admin");
    const parsed = newAdminTokenSchema.safeParse({
      name: form.get("name"),
      role: form.get("role"),
    });
    if (!parsed.success) return { error: firstIssue(parsed.error) };
    const { token } = await createAdminToken(await getDb(), parsed.data, { userId: user.id });
    revalidatePath("/settings/tokens");
    return { ok: true, token };
  });
}

export async function revokeTokenAction(form: FormData): Promise<void> {
  const user = await requirePageUser();
  requireRole(user, "admin");
  await revokeAdminToken(await getDb(), String(form.get("tokenId") ?? ""));
  revalidatePath("/settings/tokens");
}
