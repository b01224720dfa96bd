"use client";

import { useActionState } from "react";
import { LabeledInput } from "@/app/_ui/labeled-input";
import { primaryButtonClass } from "@/app/_ui/styles";
import type { ActionState } from "@/lib/auth/action-state";
import { changePasswordAction } from "./actions";

export function PasswordForm({ hasPassword }: { hasPassword: boolean }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(changePasswordAction, {});
  return (
    <form action={action} className="max-w-sm space-y-3">
      {hasPassword && (
        <LabeledInput
          label="Current password"
          name="current"
          type="password"
          autoComplete="current-password"
          required
        />
      )}
      <LabeledInput
        label="New password (at least 10 characters)"
        name="next"
        type="password"
        autoComplete="new-password"
        minLength={10}
        required
      />
      <LabeledInput
        label="Repeat new password"
        name="confirm"
        type="password"
        autoComplete="new-password"
        minLength={10}
        required
      />
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? "Saving…" : hasPassword ? "Change password" : "Set password"}
      </button>
      <p role="status" className={`text-sm ${state.error ? "text-red-700" : "text-emerald-700"}`}>
        {state.error ?? state.message}
      </p>
    </form>
  );
}
