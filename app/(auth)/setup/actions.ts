"use server";

import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn } from "@/lib/auth/config";
import { claimFirstOwner } from "@/lib/bootstrap/setup-token";
import { getDb } from "@/lib/db/client";
import { formAction } from "@/lib/forms/form-action";
import type { FormState } from "@/lib/forms/form-state";
import { newUserSchema } from "@/lib/users/create-user";
import { newPasswordSchema } from "@/lib/users/password";

const fields = {
  token: { label: "Setup token", secret: true },
  email: { label: "Email" },
  name: { label: "Name", invalid: "use at most 100 characters" },
  password: { label: "Password", secret: true, invalid: "use 10 to 256 characters" },
};

export type SetupField = keyof typeof fields;

// The same rules claimFirstOwner applies, checked first so each field gets its own message.
const setupSchema = newUserSchema
  .pick({ email: true, password: true, name: true })
  .extend({ token: z.string().trim().min(1), password: newPasswordSchema });

export const claimOwnerAction = formAction(
  {
    fields,
    schema: setupSchema,
    role: "anyone",
    toInput: (v) => ({ ...v, email: v.email.slice(0, 254), name: v.name.trim() || undefined }),
  },
  async (input): Promise<FormState<SetupField>> => {
    const result = await claimFirstOwner(await getDb(), input);
    if (!result.ok) {
      if (result.reason === "already_claimed") redirect("/login");
      if (result.reason === "bad_token") {
        const token =
          "The setup token is wrong. Copy it from the server log (it starts with lw_setup_).";
        return { fieldErrors: { token } };
      }
      return { error: "Check the email and use a password of at least 10 characters." };
    }
    try {
      await signIn("credentials", {
        email: input.email,
        password: input.password,
        redirectTo: "/projects",
      });
    } catch (err) {
      if (!(err instanceof AuthError)) throw err;
      redirect("/login");
    }
    return { ok: true };
  },
);
