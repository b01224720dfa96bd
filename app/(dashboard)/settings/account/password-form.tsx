"use client";

import { useActionState } from "react";
import { inputClass, primaryButtonClass } from "@/app/_ui/styles";
import type { ActionState } from "@/lib/auth/action-state";
import { changePasswordAction } from "./actions";

export function PasswordForm({ hasPassword }: { hasPassword: boolean }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(changePasswordAction, {});
  return (
    <form action={action} className="max-w-sm space-y-3">
      {hasPassword && (
        <label className="block text-sm font-medium">
          Current password
          <input
            name="current"
            type="password"
            autoComplete="current-password"
            required
            className={`${inputClass} mt-1`}
          />
        </label>
      )}
      <label className="block text-sm font-medium">
        New password (at least 10 characters)
        <input
          name="next"
          type="password"
          autoComplete="new-password"
          minLength={10}
          required
          className={`${inputClass} mt-1`}
        />
      </label>
      <label className="block text-sm font-medium">
        Repeat new password
        <input
          name="confirm"
          type="password"
          autoComplete="new-password"
          minLength={10}
          required
          className={`${inputClass} mt-1`}
        />
      </label>
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? "Saving…" : hasPassword ? "Change password" : "Set password"}
      </button>
      <p role="status" className={`text-sm ${state.error ? "text-red-700" : "text-emerald-700"}`}>
        {state.error ?? state.message}
      </p>
    </form>
  );
}
