import { inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db/open";
import { projectMembers, projects, userRoles } from "@/lib/db/schema";
import { ApiError } from "@/lib/http/errors";
import { textLimits } from "@/lib/input-limits";
import { createUser } from "./create-user";
import { createPasswordLink } from "./password-links";

export const inviteSchema = z.object({
  email: z
    .email("an email address like ana@example.com")
    .max(textLimits.emailChars)
    .transform((e) => e.toLowerCase()),
  role: z.enum(userRoles).default("viewer"),
  // Viewers see only these; admins and owners see every project anyway. Bounded like any list.
  projectIds: z.array(z.uuid()).max(500).default([]),
});

export type InviteInput = z.input<typeof inviteSchema>;

/**
 * Invites a teammate: their user row (no password yet, so an invited GitHub or Google email can
 * sign in at once), a viewer's project access, and a one-time link to choose a password, all in
 * one transaction. Returns the link's token and the names of the projects a viewer will see.
 */
export async function inviteUser(db: Db, input: InviteInput) {
  const data = inviteSchema.parse(input);
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const user = await createUser(t, { email: data.email, role: data.role });
    const granted =
      data.role === "viewer" && data.projectIds.length > 0
        ? await tx
            .select({ id: projects.id, name: projects.name })
            .from(projects)
            .where(inArray(projects.id, data.projectIds))
        : [];
    if (granted.length !== (data.role === "viewer" ? new Set(data.projectIds).size : 0)) {
      throw new ApiError("not_found", "A chosen project no longer exists.");
    }
    if (granted.length > 0) {
      await tx
        .insert(projectMembers)
        .values(granted.map((p) => ({ projectId: p.id, userId: user.id })));
    }
    const token = await createPasswordLink(t, user.id, "invite");
    return { user, token, projects: granted.map((p) => p.name) };
  });
}
