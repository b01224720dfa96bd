"use server";

import { AuthError } from "next-auth";
import { firstIssue } from "@/lib/auth/action-state";
import { signIn } from "@/lib/auth/config";
import { getDb } from "@/lib/db/client";
import { ApiError } from "@/lib/http/errors";
import { redeemPasswordLink, setPasswordSchema } from "@/lib/users/password-links";

export interface SetPasswordState {
  error?: string;
  name?: string;
}

/** Uses the link once, then signs the user in with the password they just chose. */
export async function setPasswordAction(
  token: string,
  _prev: SetPasswordState,
  form: FormData,
): Promise<SetPasswordState> {
  const name = String(form.get("name") ?? "").slice(0, 100);
  const parsed = setPasswordSchema.safeParse({
    password: form.get("password"),
    confirm: form.get("confirm"),
    name: name || undefined,
  });
  if (!parsed.success) return { name, error: firstIssue(parsed.error) };
  let email: string;
  try {
    ({ email } = await redeemPasswordLink(await getDb(), token, parsed.data));
  } catch (err) {
    if (err instanceof ApiError) return { name, error: err.message };
    throw err;
  }
  try {
    await signIn("credentials", { email, password: parsed.data.password, redirectTo: "/projects" });
  } catch (err) {
    // signIn's success is a redirect, which is thrown and must pass through.
    if (!(err instanceof AuthError)) throw err;
    return { error: "Your password is set, but signing in failed: sign in on the sign-in page." };
  }
  return {};
}
