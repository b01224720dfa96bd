"use client";

import { useActionState } from "react";
import { FormStatus } from "@/app/_ui/form-status";
import { LabeledInput } from "@/app/_ui/labeled-input";
import { primaryButtonClass } from "@/app/_ui/styles";
import { type FormState, shownValue } from "@/lib/forms/form-state";
import { textLimits } from "@/lib/input-limits";
import { type SetPasswordField, setPasswordAction } from "./actions";

export function SetPasswordForm({ token, askName }: { token: string; askName: boolean }) {
  const [state, action, pending] = useActionState<FormState<SetPasswordField>, FormData>(
    setPasswordAction.bind(null, token),
    {},
  );
  return (
    <form action={action} className="space-y-3">
      {askName && (
        <LabeledInput
          label="Your name (optional)"
          name="name"
          autoComplete="name"
          maxLength={textLimits.nameChars}
          defaultValue={shownValue(state, "name", "")}
          error={state.fieldErrors?.name}
        />
      )}
      {(["password", "confirm"] as const).map((field) => (
        <LabeledInput
          key={field}
          label={field === "password" ? "Password (at least 10 characters)" : "Repeat the password"}
          name={field}
          type="password"
          autoComplete="new-password"
          minLength={10}
          required
          error={state.fieldErrors?.[field]}
        />
      ))}
      <button type="submit" disabled={pending} className={`${primaryButtonClass} w-full`}>
        {pending ? "Saving…" : "Set password and sign in"}
      </button>
      <FormStatus state={state} />
    </form>
  );
}
