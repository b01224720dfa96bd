"use client";

import { useActionState } from "react";
import { FormField } from "@/app/_ui/form-field";
import { inputClass, secondaryButtonClass } from "@/app/_ui/styles";
import { shownValue } from "@/lib/forms/form-state";
import { textLimits } from "@/lib/input-limits";
import { NewKeyPanel } from "../../../_components/new-key-panel";
import { createKeyAction, type NewKeyState } from "../actions";

export function NewKeyForm({ projectId, origin }: { projectId: string; origin: string }) {
  const [state, action, pending] = useActionState<NewKeyState, FormData>(
    createKeyAction.bind(null, projectId),
    {},
  );
  return (
    <div className="space-y-3">
      <form action={action} className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <FormField label="Key name" error={state.fieldErrors?.name} className="flex-1">
          {(c) => (
            <input
              {...c}
              name="name"
              maxLength={textLimits.nameChars}
              placeholder="e.g. production web"
              defaultValue={shownValue(state, "name", "")}
              className={`${inputClass} mt-1`}
            />
          )}
        </FormField>
        <button type="submit" disabled={pending} className={secondaryButtonClass}>
          {pending ? "Creating…" : "Create ingest key"}
        </button>
      </form>
      {state.error && (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      )}
      {state.ingestKey && state.sentryDsn && (
        <NewKeyPanel origin={origin} ingestKey={state.ingestKey} sentryDsn={state.sentryDsn} />
      )}
    </div>
  );
}
