"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireRole } from "@/lib/auth/access";
import { type ActionState, actionResult, firstIssue } from "@/lib/auth/action-state";
import { requirePageUser } from "@/lib/auth/session";
import { siteOrigin } from "@/lib/auth/site-origin";
import { getDb } from "@/lib/db/client";
import { userRoles } from "@/lib/db/schema";
import { ApiError } from "@/lib/http/errors";
import { inviteSchema, inviteUser } from "@/lib/users/invite-user";
import { changeUserRole, deleteUser } from "@/lib/users/manage-users";
import { passwordLinkPath } from "@/lib/users/password-links";
import { resetUserPassword } from "@/lib/users/reset-password";

// Owners only: every action re-checks the session and the role.

export interface InviteState extends ActionState {
  /** The one-time link to pass on (shown once). */
  link?: string;
}

const isUniqueViolation = (err: unknown) =>
  (err as { code?: string }).code === "23505" ||
  (err as { cause?: { code?: string } }).cause?.code === "23505";

/** Invites a teammate: their account, a viewer's projects, and a link to choose a password. */
export async function inviteUserAction(_prev: InviteState, form: FormData): Promise<InviteState> {
  return actionResult(async () => {
    const user = await requirePageUser();
    requireRole(user, "owner");
    const parsed = inviteSchema.safeParse({
      email: form.get("email"),
      role: form.get("role"),
      projectIds: form.getAll("projectId"),
    });
    if (!parsed.success) return { error: firstIssue(parsed.error) };
    let invited: Awaited<ReturnType<typeof inviteUser>>;
    try {
      invited = await inviteUser(await getDb(), parsed.data);
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new ApiError("conflict", "A user with this email already exists.");
      }
      throw err;
    }
    revalidatePath("/settings/users");
    return {
      ok: true,
      link: (await siteOrigin()) + passwordLinkPath(invited.token),
      message: `${invitedSentence(parsed.data.email, parsed.data.role, invited.projects)} Send them this link: it works once, for 7 days.`,
    };
  });
}

function invitedSentence(email: string, role: string, projects: string[]): string {
  if (role !== "viewer") return `Invited ${email} as ${role}: they will see every project.`;
  if (projects.length === 0) {
    return `Invited ${email} as viewer. They see no project until you give them access on a project's settings page.`;
  }
  return `Invited ${email} as viewer of ${projects.join(", ")}.`;
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

/** The old password stops working, every session ends, and a link lets the user choose anew. */
export async function resetPasswordAction(
  _prev: InviteState,
  form: FormData,
): Promise<InviteState> {
  return actionResult(async () => {
    const user = await requirePageUser();
    requireRole(user, "owner");
    const userId = z.uuid().safeParse(form.get("userId"));
    if (!userId.success) return { error: "Unknown user." };
    const token = await resetUserPassword(await getDb(), userId.data);
    revalidatePath("/settings/users");
    return {
      ok: true,
      link: (await siteOrigin()) + passwordLinkPath(token),
      message:
        "Password reset: the old one no longer works and every session was signed out. Send them this link to choose a new one (it works once, for 24 hours):",
    };
  });
}
