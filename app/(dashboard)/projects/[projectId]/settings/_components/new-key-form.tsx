"use client";

import { useActionState } from "react";
import { inputClass, secondaryButtonClass } from "@/app/_ui/styles";
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
        <label className="block flex-1 text-sm font-medium">
          Key name
          <input
            name="name"
            maxLength={100}
            placeholder="e.g. production web"
            className={`${inputClass} mt-1`}
          />
        </label>
        <button type="submit" disabled={pending} className={secondaryButtonClass}>
          {pending ? "Creating…" : "Create ingest key"}
        </button>
      </form>
      {state.error && (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      )}
      {state.ingestKey && <NewKeyPanel origin={origin} ingestKey={state.ingestKey} />}
    </div>
  );
}
