"use client";

import { useActionState } from "react";
import { FormField } from "@/app/_ui/form-field";
import { FormStatus } from "@/app/_ui/form-status";
import { inputClass, primaryButtonClass } from "@/app/_ui/styles";
import { type FormState, shownValue } from "@/lib/forms/form-state";
import { type SetPasswordField, setPasswordAction } from "./actions";

export function SetPasswordForm({ token, askName }: { token: string; askName: boolean }) {
  const [state, action, pending] = useActionState<FormState<SetPasswordField>, FormData>(
    setPasswordAction.bind(null, token),
    {},
  );
  const error = (field: SetPasswordField) => state.fieldErrors?.[field];
  return (
    <form action={action} className="space-y-3">
      {askName && (
        <FormField label="Your name (optional)" error={error("name")}>
          {(c) => (
            <input
              {...c}
              name="name"
              autoComplete="name"
              maxLength={100}
              defaultValue={shownValue(state, "name", "")}
              className={`${inputClass} mt-1`}
            />
          )}
        </FormField>
      )}
      <FormField label="Password (at least 10 characters)" error={error("password")}>
        {(c) => (
          <input
            {...c}
            name="password"
            type="password"
            autoComplete="new-password"
            minLength={10}
            required
            className={`${inputClass} mt-1`}
          />
        )}
      </FormField>
      <FormField label="Repeat the password" error={error("confirm")}>
        {(c) => (
          <input
            {...c}
            name="confirm"
            type="password"
            autoComplete="new-password"
            minLength={10}
            required
            className={`${inputClass} mt-1`}
          />
        )}
      </FormField>
      <button type="submit" disabled={pending} className={`${primaryButtonClass} w-full`}>
        {pending ? "Saving…" : "Set password and sign in"}
      </button>
      <FormStatus state={state} />
    </form>
  );
}
