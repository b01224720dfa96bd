"use client";

import { useActionState } from "react";
import { FormError } from "@/app/_ui/form-status";
import { NameInput, StatefulSelect } from "@/app/_ui/labeled-input";
import { primaryButtonClass } from "@/app/_ui/styles";
import { CopyButton } from "../../projects/_components/copy-button";
import { createTokenAction, type NewTokenState } from "./actions";

export function NewTokenForm() {
  const [state, action, pending] = useActionState<NewTokenState, FormData>(createTokenAction, {});
  return (
    <div className="space-y-3">
      <form action={action} className="grid gap-3 sm:grid-cols-3 sm:items-end">
        <NameInput
          state={state}
          label="Name"
          fieldClassName="sm:col-span-2"
          required
          placeholder="e.g. nightly export"
        />
        <StatefulSelect state={state} field="role" saved="viewer" label="Role">
          <option value="viewer">viewer (read logs)</option>
          <option value="admin">admin (also manage projects)</option>
        </StatefulSelect>
        <button
          type="submit"
          disabled={pending}
          className={`${primaryButtonClass} sm:col-span-3 sm:w-fit`}
        >
          {pending ? "Creating…" : "Create token"}
        </button>
      </form>
      <FormError error={state.error} />
      {state.token && (
        <div className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4">
          <p className="text-sm font-medium">
            Copy this token now: it is shown only once. It is a secret: keep it out of client apps.
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <code
              data-testid="new-admin-token"
              className="break-all rounded bg-white px-2 py-1 text-sm"
            >
              {state.token}
            </code>
            <CopyButton text={state.token} label="Copy token" />
          </div>
        </div>
      )}
    </div>
  );
}
