"use client";

import { useActionState } from "react";
import { FormStatus } from "@/app/_ui/form-status";
import { NameInput } from "@/app/_ui/labeled-input";
import { NewPasswordFields } from "@/app/_ui/new-password-fields";
import { primaryButtonClass } from "@/app/_ui/styles";
import type { FormState } from "@/lib/forms/form-state";
import { type SetPasswordField, setPasswordAction } from "./actions";

export function SetPasswordForm({ token, askName }: { token: string; askName: boolean }) {
  const [state, action, pending] = useActionState<FormState<SetPasswordField>, FormData>(
    setPasswordAction.bind(null, token),
    {},
  );
  return (
    <form action={action} className="space-y-3">
      {askName && <NameInput state={state} label="Your name (optional)" autoComplete="name" />}
      <NewPasswordFields
        name="password"
        label="Password (at least 10 characters)"
        repeatLabel="Repeat the password"
        errors={state.fieldErrors}
      />
      <button type="submit" disabled={pending} className={`${primaryButtonClass} w-full`}>
        {pending ? "Saving…" : "Set password and sign in"}
      </button>
      <FormStatus state={state} />
    </form>
  );
}
