"use server";

import { revalidatePath } from "next/cache";
import { signOut } from "@/lib/auth/config";
import { currentSessionId, requirePageUser } from "@/lib/auth/session";
import { endUserSessions } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db/client";
import { formAction } from "@/lib/forms/form-action";
import type { FormState } from "@/lib/forms/form-state";
import { setAlertEmails } from "@/lib/users/alert-emails";
import { changeOwnPassword, changePasswordSchema } from "@/lib/users/change-password";

export type PasswordField = "current" | "next" | "confirm";

// Every field is a secret: a refused form comes back empty, with the reason beside the field.
export const changePasswordAction = formAction(
  {
    fields: {
      current: { label: "Current password", secret: true },
      next: { label: "New password", secret: true, invalid: "use 10 to 256 characters" },
      confirm: { label: "Repeat new password", secret: true },
    },
    schema: changePasswordSchema,
    role: "viewer",
  },
  async (input, { user }): Promise<FormState<PasswordField>> => {
    const result = await changeOwnPassword(await getDb(), user.id, input, await currentSessionId());
    if (result.ok)
      return { ok: true, message: "Password changed. Every other session was signed out." };
    // After the schema passed, the only refusal tied to a field is a wrong current password.
    return /current/.test(result.error)
      ? { fieldErrors: { current: "Current password: this is not your current password" } }
      : { error: result.error };
  },
);

/** Ends every session of this user, this browser's too, then goes to the sign-in page. */
export async function signOutEverywhereAction(): Promise<void> {
  const user = await requirePageUser();
  await endUserSessions(await getDb(), user.id);
  await signOut({ redirectTo: "/login" });
}

/** Turns alert emails on or off for the signed-in user (their own preference only). */
export async function setAlertEmailsAction(formData: FormData): Promise<void> {
  const user = await requirePageUser();
  await setAlertEmails(await getDb(), user.id, formData.get("alertEmails") === "on");
  revalidatePath("/settings/account");
}
