"use client";

import { useActionState } from "react";
import { FormError } from "@/app/_ui/form-status";
import { NameInput } from "@/app/_ui/labeled-input";
import { secondaryButtonClass } from "@/app/_ui/styles";
import { NewKeyPanel } from "../../../_components/new-key-panel";
import type { NewKeyState } from "../../../actions";
import { createKeyAction } from "../actions";

export function NewKeyForm({ projectId, origin }: { projectId: string; origin: string }) {
  const [state, action, pending] = useActionState<NewKeyState, FormData>(
    createKeyAction.bind(null, projectId),
    {},
  );
  return (
    <div className="space-y-3">
      <form action={action} className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <NameInput
          state={state}
          label="Key name"
          fieldClassName="flex-1"
          placeholder="e.g. production web"
        />
        <button type="submit" disabled={pending} className={secondaryButtonClass}>
          {pending ? "Creating…" : "Create ingest key"}
        </button>
      </form>
      <FormError error={state.error} />
      {state.ingestKey && state.sentryDsn && (
        <NewKeyPanel origin={origin} ingestKey={state.ingestKey} sentryDsn={state.sentryDsn} />
      )}
    </div>
  );
}
