"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth/config";
import { configuredOAuthProviders } from "@/lib/auth/oauth-providers";
import { safeRedirectTarget } from "@/lib/auth/redirect-target";
import type { FormState } from "@/lib/forms/form-state";
import { textLimits } from "@/lib/input-limits";

/** The form-wide error never names a field: which one was wrong is not told (no enumeration). */
export type LoginState = FormState<"email">;

export async function loginWithPassword(_prev: LoginState, form: FormData): Promise<LoginState> {
  const email = String(form.get("email") ?? "").slice(0, textLimits.emailChars);
  try {
    await signIn("credentials", {
      email,
      password: String(form.get("password") ?? ""),
      redirectTo: safeRedirectTarget(form.get("next")),
    });
  } catch (err) {
    // signIn's success is a redirect, which is thrown and must pass through.
    if (!(err instanceof AuthError)) throw err;
    if (err instanceof CredentialsSignin && err.code === "rate_limited") {
      return {
        values: { email },
        error: "Too many sign-in attempts. Wait a few minutes and try again.",
      };
    }
    if (err instanceof CredentialsSignin)
      return { values: { email }, error: "Wrong email or password." };
    return { values: { email }, error: "Sign-in is unavailable right now. Try again shortly." };
  }
  return {};
}

export async function loginWithOAuth(form: FormData): Promise<void> {
  const provider = String(form.get("provider") ?? "");
  if (!configuredOAuthProviders().some((p) => p.id === provider)) return;
  await signIn(provider, { redirectTo: safeRedirectTarget(form.get("next")) });
}
