"use client";

import { useActionState } from "react";
import { EmailInput, LabeledInput } from "@/app/_ui/labeled-input";
import { primaryButtonClass } from "@/app/_ui/styles";
import { type LoginState, loginWithPassword } from "./actions";

export function LoginForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<LoginState, FormData>(loginWithPassword, {});
  return (
    <form action={action} className="space-y-4" aria-describedby="login-error">
      <input type="hidden" name="next" value={next} />
      <EmailInput state={state} label="Email" />
      <LabeledInput
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
      />
      <p id="login-error" role="alert" className="min-h-5 text-sm text-red-700">
        {state.error}
      </p>
      <button type="submit" disabled={pending} className={`${primaryButtonClass} w-full`}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
