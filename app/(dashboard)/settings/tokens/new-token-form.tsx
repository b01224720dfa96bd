"use client";

import { useActionState } from "react";
import { CreateForm } from "@/app/_ui/create-form";
import { NameInput, StatefulSelect } from "@/app/_ui/labeled-input";
import { CopyButton } from "../../projects/_components/copy-button";
import { createTokenAction, type NewTokenState } from "./actions";

export function NewTokenForm() {
  const form = useActionState<NewTokenState, FormData>(createTokenAction, {});
  const [state] = form;
  return (
    <CreateForm
      form={form}
      submitLabel="Create token"
      layout="grid"
      primary
      created={
        state.token && (
          <div className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4">
            <p className="text-sm font-medium">
              Copy this token now: it is shown only once. It is a secret: keep it out of client
              apps.
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
        )
      }
    >
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
    </CreateForm>
  );
}
