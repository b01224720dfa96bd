"use client";

import { useActionState } from "react";
import { FormStatus } from "@/app/_ui/form-status";
import { LabeledInput } from "@/app/_ui/labeled-input";
import { NewPasswordFields } from "@/app/_ui/new-password-fields";
import { primaryButtonClass } from "@/app/_ui/styles";
import type { FormState } from "@/lib/forms/form-state";
import { changePasswordAction, type PasswordField } from "./actions";

export function PasswordForm({ hasPassword }: { hasPassword: boolean }) {
  const [state, action, pending] = useActionState<FormState<PasswordField>, FormData>(
    changePasswordAction,
    {},
  );
  return (
    <form action={action} className="max-w-sm space-y-3">
      {hasPassword && (
        <LabeledInput
          label="Current password"
          name="current"
          type="password"
          autoComplete="current-password"
          required
          error={state.fieldErrors?.current}
        />
      )}
      <NewPasswordFields
        name="next"
        label="New password (at least 10 characters)"
        repeatLabel="Repeat new password"
        errors={state.fieldErrors}
      />
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? "Saving…" : hasPassword ? "Change password" : "Set password"}
      </button>
      <FormStatus state={state} />
    </form>
  );
}
