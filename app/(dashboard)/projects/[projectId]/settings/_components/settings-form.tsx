"use client";

import { useActionState } from "react";
import { FormField } from "@/app/_ui/form-field";
import { FormStatus } from "@/app/_ui/form-status";
import { NameInput, StatefulInput, StatefulSelect } from "@/app/_ui/labeled-input";
import { inputClass, primaryButtonClass } from "@/app/_ui/styles";
import { type FormState, shownValue } from "@/lib/forms/form-state";
import { settingBounds } from "@/lib/input-limits";
import type { projectDto } from "@/lib/projects/dto";
import { saveSettingsAction } from "../actions";
import type { SettingsField } from "../settings-form-data";

type ProjectView = ReturnType<typeof projectDto>;
type NumberSetting = keyof typeof settingBounds;

export function SettingsForm({ project }: { project: ProjectView }) {
  const [state, action, pending] = useActionState<FormState<SettingsField>, FormData>(
    saveSettingsAction.bind(null, project.id),
    {},
  );
  // After a refusal the fields show what was typed (React resets the form to these defaults).
  const numberField = (field: NumberSetting, label: string, hint?: string) => (
    <StatefulInput
      state={state}
      field={field}
      saved={project[field]}
      label={label}
      hint={hint}
      type="number"
      {...settingBounds[field]}
      // Max stored events may stay empty: no cap.
      required={field !== "max_events"}
    />
  );
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-2">
      <NameInput state={state} saved={project.name} label="Name" required />
      {numberField("retention_days", "Retention (days)", "Events older than this are pruned.")}
      <FormField
        label="Allowed origins"
        hint="One per line, e.g. https://app.example.com. Empty: any origin."
        error={state.fieldErrors?.allowed_origins}
      >
        {(c) => (
          <textarea
            {...c}
            name="allowed_origins"
            rows={3}
            defaultValue={shownValue(state, "allowed_origins", project.allowed_origins.join("\n"))}
            className={`${inputClass} mt-1 font-mono`}
          />
        )}
      </FormField>
      <StatefulSelect
        state={state}
        field="ip_storage"
        saved={project.ip_storage}
        label="Client IP storage"
      >
        <option value="none">Do not store</option>
        <option value="truncated">Truncated (/24, /48)</option>
        <option value="full">Full address</option>
      </StatefulSelect>
      {numberField("rate_limit_per_ip_per_minute", "Requests per IP per minute")}
      {numberField("rate_limit_events_per_minute", "Events per minute (project)")}
      {numberField(
        "max_events",
        "Max stored events",
        "Optional: the prune removes the oldest beyond this.",
      )}
      <div className="flex items-center gap-3 sm:col-span-2">
        <button type="submit" disabled={pending} className={primaryButtonClass}>
          {pending ? "Saving…" : "Save settings"}
        </button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}
