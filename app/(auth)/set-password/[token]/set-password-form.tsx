"use client";

import { useActionState } from "react";
import { LabeledInput } from "@/app/_ui/labeled-input";
import { primaryButtonClass } from "@/app/_ui/styles";
import { type SetPasswordState, setPasswordAction } from "./actions";

export function SetPasswordForm({ token, askName }: { token: string; askName: boolean }) {
  const [state, action, pending] = useActionState<SetPasswordState, FormData>(
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
          maxLength={100}
          defaultValue={state.name}
        />
      )}
      <LabeledInput
        label="Password (at least 10 characters)"
        name="password"
        type="password"
        autoComplete="new-password"
        minLength={10}
        required
      />
      <LabeledInput
        label="Repeat the password"
        name="confirm"
        type="password"
        autoComplete="new-password"
        minLength={10}
        required
      />
      <button type="submit" disabled={pending} className={`${primaryButtonClass} w-full`}>
        {pending ? "Saving…" : "Set password and sign in"}
      </button>
      {state.error && (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      )}
    </form>
  );
}
