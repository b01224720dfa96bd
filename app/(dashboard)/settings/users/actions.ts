"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { userRoles } from "@/lib/db/schema";
import { formAction } from "@/lib/forms/form-action";
import type { FormState } from "@/lib/forms/form-state";
import { siteOrigin } from "@/lib/http/site-origin";
import { inviteSchema, inviteUser } from "@/lib/users/invite-user";
import { changeUserRole, deleteUser } from "@/lib/users/manage-users";
import { passwordLinkPath } from "@/lib/users/password-links";
import { resetUserPassword } from "@/lib/users/reset-password";

// Owners only: formAction re-checks the session and the role for every action.

export type InviteField = "email" | "role" | "projectIds";

/** What an invite or a reset answers: the one-time link to pass on (shown once). */
export interface LinkState<F extends string = string> extends FormState<F> {
  link?: string;
}

/** Invites a teammate: their account, a viewer's projects, and a link to choose a password. */
export const inviteUserAction = formAction(
  {
    fields: {
      email: { label: "Email" },
      role: { label: "Role" },
      projectIds: { label: "Projects", multiple: true, invalid: "choose projects from the list" },
    },
    schema: inviteSchema,
    role: "owner",
    toInput: (v) => ({ ...v, projectIds: v.projectIds ? v.projectIds.split("\n") : [] }),
  },
  async (input): Promise<LinkState<InviteField>> => {
    let invited: Awaited<ReturnType<typeof inviteUser>>;
    try {
      invited = await inviteUser(await getDb(), input);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      return { fieldErrors: { email: "Email: a user with this email already exists" } };
    }
    revalidatePath("/settings/users");
    return {
      ok: true,
      link: (await siteOrigin()) + passwordLinkPath(invited.token),
      message: `${invitedSentence(input.email, input.role, invited.projects)} Send them this link: it works once, for 7 days.`,
    };
  },
);

function invitedSentence(email: string, role: string, projects: string[]): string {
  if (role !== "viewer") return `Invited ${email} as ${role}: they will see every project.`;
  if (projects.length === 0) {
    return `Invited ${email} as viewer. They see no project until you give them access on a project's settings page.`;
  }
  return `Invited ${email} as viewer of ${projects.join(", ")}.`;
}

const userFields = { userId: { label: "User", invalid: "unknown user" } };
const userIdSchema = z.object({ userId: z.uuid() });

export const changeRoleAction = formAction(
  {
    fields: { ...userFields, role: { label: "Role" } },
    schema: userIdSchema.extend({ role: z.enum(userRoles) }),
    role: "owner",
  },
  async ({ userId, role }): Promise<FormState> => {
    await changeUserRole(await getDb(), userId, role);
    revalidatePath("/settings/users");
    return { ok: true, message: "Role changed." };
  },
);

export const removeUserAction = formAction(
  { fields: userFields, schema: userIdSchema, role: "owner" },
  async ({ userId }): Promise<FormState> => {
    await deleteUser(await getDb(), userId);
    revalidatePath("/settings/users");
    return { ok: true, message: "User removed." };
  },
);

/** The old password stops working, every session ends, and a link lets the user choose anew. */
export const resetPasswordAction = formAction(
  { fields: userFields, schema: userIdSchema, role: "owner" },
  async ({ userId }): Promise<LinkState> => {
    const token = await resetUserPassword(await getDb(), userId);
    revalidatePath("/settings/users");
    return {
      ok: true,
      link: (await siteOrigin()) + passwordLinkPath(token),
      message:
        "Password reset: the old one no longer works and every session was signed out. Send them this link to choose a new one (it works once, for 24 hours):",
    };
  },
);
