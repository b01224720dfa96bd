"use server";

import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/config";
import { claimFirstOwner } from "@/lib/bootstrap/setup-token";
import { getDb } from "@/lib/db/client";

export interface SetupState {
  error?: string;
  email?: string;
}

const reasons: Record<string, string> = {
  bad_token: "The setup token is wrong. Copy it from the server log (it starts with lw_setup_).",
  already_claimed: "This deployment already has an owner. Sign in instead.",
  invalid: "Check the email and use a password of at least 10 characters.",
};

export async function claimOwnerAction(_prev: SetupState, form: FormData): Promise<SetupState> {
  const email = String(form.get("email") ?? "").slice(0, 254);
  const password = String(form.get("password") ?? "");
  const name = String(form.get("name") ?? "").trim();
  const result = await claimFirstOwner(await getDb(), {
    email,
    password,
    name: name || undefined,
    token: String(form.get("token") ?? "").trim(),
  });
  if (!result.ok) {
    if (result.reason === "already_claimed") redirect("/login");
    return { email, error: reasons[result.reason] };
  }
  try {
    await signIn("credentials", { email, password, redirectTo: "/projects" });
  } catch (err) {
    if (!(err instanceof AuthError)) throw err;
    redirect("/login");
  }
  return {};
}
