"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/config";
import { getDb } from "@/lib/db/client";
import { formAction } from "@/lib/forms/form-action";
import type { FormState } from "@/lib/forms/form-state";
import { redeemPasswordLink, setPasswordSchema } from "@/lib/users/password-links";

const fields = {
  name: { label: "Your name", invalid: "use at most 100 characters" },
  password: { label: "Password", secret: true, invalid: "use 10 to 256 characters" },
  confirm: { label: "Repeat the password", secret: true },
};

export type SetPasswordField = keyof typeof fields;

/** Uses the link once (the token is its only credential), then signs the user in. */
export const setPasswordAction = formAction(
  {
    fields,
    schema: setPasswordSchema,
    role: "anyone",
    toInput: (v) => ({ ...v, name: v.name.trim() || undefined }),
  },
  async (input, _context, token: string): Promise<FormState<SetPasswordField>> => {
    const { email } = await redeemPasswordLink(await getDb(), token, input);
    try {
      await signIn("credentials", { email, password: input.password, redirectTo: "/projects" });
    } catch (err) {
      // signIn's success is a redirect, which is thrown and must pass through.
      if (!(err instanceof AuthError)) throw err;
      return { error: "Your password is set, but signing in failed: sign in on the sign-in page." };
    }
    return { ok: true };
  },
);
