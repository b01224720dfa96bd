"use client";

import { useActionState } from "react";
import { EscapedText } from "@/app/_ui/escaped-text";
import { FormField } from "@/app/_ui/form-field";
import { FormError } from "@/app/_ui/form-status";
import { dangerButtonClass, inputClass } from "@/app/_ui/styles";
import { type FormState, shownValue } from "@/lib/forms/form-state";
import { deleteProjectAction } from "../actions";

export function DeleteProjectForm({
  projectId,
  name,
  events,
}: {
  projectId: string;
  name: string;
  events: { count: number; capped: boolean };
}) {
  const [state, action, pending] = useActionState<FormState<"confirm">, FormData>(
    deleteProjectAction.bind(null, projectId),
    {},
  );
  return (
    <form action={action} className="space-y-2">
      <p className="text-sm text-zinc-700" data-testid="delete-consequence">
        Deletes the project, its keys and viewer access at once (apps sending with its keys are
        refused from then on), and <strong>all of its logs</strong>: {events.capped ? "over " : ""}
        {events.count.toLocaleString("en")} {events.count === 1 ? "event" : "events"}, deleted in
        the background if there are many (progress shows on the projects page). This cannot be
        undone.
      </p>
      <FormField
        label={
          <>
            Type{" "}
            <code className="rounded bg-zinc-100 px-1">
              <EscapedText text={name} />
            </code>{" "}
            to confirm
          </>
        }
        error={state.fieldErrors?.confirm}
      >
        {(c) => (
          <input
            {...c}
            name="confirm"
            required
            autoComplete="off"
            defaultValue={shownValue(state, "confirm", "")}
            className={`${inputClass} mt-1`}
          />
        )}
      </FormField>
      <button type="submit" disabled={pending} className={dangerButtonClass}>
        {pending ? "Deleting…" : "Delete project"}
      </button>
      <FormError error={state.error} />
    </form>
  );
}
