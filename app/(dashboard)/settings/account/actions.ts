"use server";

import type { ActionState } from "@/lib/auth/action-state";
import { signOut } from "@/lib/auth/config";
import { currentSessionId, requirePageUser } from "@/lib/auth/session";
import { endUserSessions } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db/client";
import { changeOwnPassword } from "@/lib/users/change-password";

export async function changePasswordAction(
  _prev: ActionState,
  form: FormData,
): Promise<ActionState> {
  const user = await requirePageUser();
  const result = await changeOwnPassword(
    await getDb(),
    user.id,
    {
      current: String(form.get("current") ?? ""),
      next: String(form.get("next") ?? ""),
      confirm: String(form.get("confirm") ?? ""),
    },
    await currentSessionId(),
  );
  return result.ok
    ? { ok: true, message: "Password changed. Every other session was signed out." }
    : { error: result.error };
}

/** Ends every session of this user, this browser's too, then goes to the sign-in page. */
export async function signOutEverywhereAction(): Promise<void> {
  const user = await requirePageUser();
  await endUserSessions(await getDb(), user.id);
  await signOut({ redirectTo: "/login" });
}
