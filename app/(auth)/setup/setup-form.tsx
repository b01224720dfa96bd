"use client";

import { useActionState } from "react";
import { LabeledInput } from "@/app/_ui/labeled-input";
import { primaryButtonClass } from "@/app/_ui/styles";
import { claimOwnerAction, type SetupState } from "./actions";

export function SetupForm() {
  const [state, action, pending] = useActionState<SetupState, FormData>(claimOwnerAction, {});
  return (
    <form action={action} className="space-y-4">
      <LabeledInput
        label="Setup token"
        hint="Printed in the server log at start (starts with lw_setup_)."
        name="token"
        required
        autoComplete="off"
        spellCheck={false}
        className="font-mono"
      />
      <LabeledInput
        label="Your email"
        name="email"
        type="email"
        autoComplete="username"
        required
        defaultValue={state.email}
      />
      <LabeledInput label="Name (optional)" name="name" maxLength={100} autoComplete="name" />
      <LabeledInput
        label="Password (at least 10 characters)"
        name="password"
        type="password"
        autoComplete="new-password"
        minLength={10}
        required
      />
      <p id="setup-error" role="alert" className="min-h-5 text-sm text-red-700">
        {state.error}
      </p>
      <button type="submit" disabled={pending} className={`${primaryButtonClass} w-full`}>
        {pending ? "Creating owner…" : "Create owner account"}
      </button>
    </form>
  );
}
