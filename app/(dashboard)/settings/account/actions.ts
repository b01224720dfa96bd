"use server";

import type { ActionState } from "@/lib/auth/action-state";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { changeOwnPassword } from "@/lib/users/change-password";

export async function changePasswordAction(
  _prev: ActionState,
  form: FormData,
): Promise<ActionState> {
  const user = await requirePageUser();
  const result = await changeOwnPassword(await getDb(), user.id, {
    current: String(form.get("current") ?? ""),
    next: String(form.get("next") ?? ""),
    confirm: String(form.get("confirm") ?? ""),
  });
  return result.ok ? { ok: true, message: "Password changed." } : { error: result.error };
}
