"use client";

import { useActionState } from "react";
import { inputClass, primaryButtonClass } from "@/app/_ui/styles";
import { type LoginState, loginWithPassword } from "./actions";

export function LoginForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<LoginState, FormData>(loginWithPassword, {});
  return (
    <form action={action} className="space-y-4" aria-describedby="login-error">
      <input type="hidden" name="next" value={next} />
      <label className="block text-sm font-medium">
        Email
        <input
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.email}
          className={`${inputClass} mt-1`}
        />
      </label>
      <label className="block text-sm font-medium">
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className={`${inputClass} mt-1`}
        />
      </label>
      <p id="login-error" role="alert" className="min-h-5 text-sm text-red-700">
        {state.error}
      </p>
      <button type="submit" disabled={pending} className={`${primaryButtonClass} w-full`}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
