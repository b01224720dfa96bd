"use server";

import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/access";
import { createAdminToken, newAdminTokenSchema, revokeAdminToken } from "@/lib/auth/admin-tokens";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { formAction } from "@/lib/forms/form-action";
import type { FormState } from "@/lib/forms/form-state";

export interface NewTokenState extends FormState<"name" | "role"> {
  token?: string;
}

export const createTokenAction = formAction(
  {
    fields: { name: { label: "Name" }, role: { label: "Role" } },
    schema: newAdminTokenSchema,
    role: "admin",
  },
  async (input, { user }): Promise<NewTokenState> => {
    const { token } = await createAdminToken(await getDb(), input, { userId: user.id });
    revalidatePath("/settings/tokens");
    return { ok: true, token };
  },
);

export async function revokeTokenAction(form: FormData): Promise<void> {
  const user = await requirePageUser();
  requireRole(user, "admin");
  await revokeAdminToken(await getDb(), String(form.get("tokenId") ?? ""));
  revalidatePath("/settings/tokens");
}
