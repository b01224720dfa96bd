"use client";

import { useActionState } from "react";
import { FormStatus } from "@/app/_ui/form-status";
import { LabeledInput } from "@/app/_ui/labeled-input";
import { primaryButtonClass } from "@/app/_ui/styles";
import { type FormState, shownValue } from "@/lib/forms/form-state";
import { textLimits } from "@/lib/input-limits";
import { claimOwnerAction, type SetupField } from "./actions";

export function SetupForm({ filledInToken }: { filledInToken: string | null }) {
  const [state, action, pending] = useActionState<FormState<SetupField>, FormData>(
    claimOwnerAction,
    {},
  );
  const error = (field: SetupField) => state.fieldErrors?.[field];
  return (
    <form action={action} className="space-y-4">
      <LabeledInput
        label="Setup token"
        hint="Printed in the server log at start (starts with lw_setup_)."
        name="token"
        defaultValue={filledInToken ?? undefined}
        required
        autoComplete="off"
        spellCheck={false}
        className="font-mono"
        error={error("token")}
      />
      <LabeledInput
        label="Your email"
        name="email"
        type="email"
        autoComplete="username"
        required
        defaultValue={shownValue(state, "email", "")}
        error={error("email")}
      />
      <LabeledInput
        label="Name (optional)"
        name="name"
        maxLength={textLimits.nameChars}
        autoComplete="name"
        defaultValue={shownValue(state, "name", "")}
        error={error("name")}
      />
      <LabeledInput
        label="Password (at least 10 characters)"
        name="password"
        type="password"
        autoComplete="new-password"
        minLength={10}
        required
        error={error("password")}
      />
      <FormStatus state={state} className="min-h-5" />
      <button type="submit" disabled={pending} className={`${primaryButtonClass} w-full`}>
        {pending ? "Creating owner…" : "Create owner account"}
      </button>
    </form>
  );
}
