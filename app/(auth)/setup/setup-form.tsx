"use client";

import { useActionState } from "react";
import { FormStatus } from "@/app/_ui/form-status";
import { EmailInput, LabeledInput, NameInput } from "@/app/_ui/labeled-input";
import { primaryButtonClass } from "@/app/_ui/styles";
import type { FormState } from "@/lib/forms/form-state";
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
      <EmailInput state={state} label="Your email" />
      <NameInput state={state} label="Name (optional)" autoComplete="name" />
      <LabeledInput
        label="Password (at least 10 characters)"
        name="password"
        type="password"
        autoComplete="new-password"
        minLength={textLimits.passwordMinChars}
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
