"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireRole } from "@/lib/auth/access";
import { type ActionState, actionResult, firstIssue } from "@/lib/auth/action-state";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { userRoles } from "@/lib/db/schema";
import { ApiError } from "@/lib/http/errors";
import { createUser, newUserSchema } from "@/lib/users/create-user";
import { changeUserRole, deleteUser } from "@/lib/users/manage-users";
import { resetUserPassword } from "@/lib/users/reset-password";

// Owners only: every action re-checks the session and the role.

export async function addUserAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return actionResult(async () => {
    const user = await requirePageUser();
    requireRole(user, "owner");
    const parsed = newUserSchema.safeParse({
      email: form.get("email"),
      role: form.get("role"),
      password: form.get("password") || undefined,
    });
    if (!parsed.success) return { error: firstIssue(parsed.error) };
    try {
      await createUser(await getDb(), parsed.data);
    } catch (err) {
      // 23505 unique_violation: the email already has an account.
      if (
        (err as { code?: string; cause?: { code?: string } }).code === "23505" ||
        (err as { cause?: { code?: string } }).cause?.code === "23505"
      ) {
        throw new ApiError("conflict", "A user with this email already exists.");
      }
      throw err;
    }
    revalidatePath("/settings/users");
    return {
      ok: true,
      message: parsed.data.password
        ? `Added ${parsed.data.email}.`
        : `Invited ${parsed.data.email}: they sign in with GitHub or Google using this email.`,
    };
  });
}

const roleChangeSchema = z.object({ userId: z.uuid(), role: z.enum(userRoles) });

export async function changeRoleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return actionResult(async () => {
    const user = await requirePageUser();
    requireRole(user, "owner");
    const parsed = roleChangeSchema.safeParse({
      userId: form.get("userId"),
      role: form.get("role"),
    });
    if (!parsed.success) return { error: firstIssue(parsed.error) };
    await changeUserRole(await getDb(), parsed.data.userId, parsed.data.role);
    revalidatePath("/settings/users");
    return { ok: true, message: "Role changed." };
  });
}

export async function removeUserAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return actionResult(async () => {
    const user = await requirePageUser();
    requireRole(user, "owner");
    const userId = z.uuid().safeParse(form.get("userId"));
    if (!userId.success) return { error: "Unknown user." };
    await deleteUser(await getDb(), userId.data);
    revalidatePath("/settings/users");
    return { ok: true, message: "User removed." };
  });
}

export interface ResetPasswordState extends ActionState {
  /** The new password, shown once to the owner to pass on. */
  password?: string;
}

/** A new random password for the user; every session they have ends. */
export async function resetPasswordAction(
  _prev: ResetPasswordState,
  form: FormData,
): Promise<ResetPasswordState> {
  return actionResult(async () => {
    const user = await requirePageUser();
    requireRole(user, "owner");
    const userId = z.uuid().safeParse(form.get("userId"));
    if (!userId.success) return { error: "Unknown user." };
    const password = await resetUserPassword(await getDb(), userId.data);
    revalidatePath("/settings/users");
    return {
      ok: true,
      password,
      message: "Password reset and every session of this user signed out. Pass this on once:",
    };
  });
}
