"use client";

import { useActionState } from "react";
import { FormField } from "@/app/_ui/form-field";
import { FormStatus } from "@/app/_ui/form-status";
import { inputClass, primaryButtonClass } from "@/app/_ui/styles";
import { type FormState, shownValue } from "@/lib/forms/form-state";
import { settingBounds, textLimits } from "@/lib/input-limits";
import type { projectDto } from "@/lib/projects/dto";
import { saveSettingsAction } from "../actions";
import type { SettingsField } from "../settings-form-data";

type ProjectView = ReturnType<typeof projectDto>;

export function SettingsForm({ project }: { project: ProjectView }) {
  const [state, action, pending] = useActionState<FormState<SettingsField>, FormData>(
    saveSettingsAction.bind(null, project.id),
    {},
  );
  // After a refusal the fields show what was typed (React resets the form to these defaults).
  const shown = (field: SettingsField, saved: string | number | null) =>
    shownValue(state, field, saved);
  const error = (field: SettingsField) => state.fieldErrors?.[field];
  const input = `${inputClass} mt-1`;
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-2">
      <FormField label="Name" error={error("name")}>
        {(c) => (
          <input
            {...c}
            name="name"
            required
            maxLength={textLimits.nameChars}
            defaultValue={shown("name", project.name)}
            className={input}
          />
        )}
      </FormField>
      <FormField
        label="Retention (days)"
        hint="Events older than this are pruned."
        error={error("retention_days")}
      >
        {(c) => (
          <input
            {...c}
            name="retention_days"
            type="number"
            {...settingBounds.retention_days}
            required
            defaultValue={shown("retention_days", project.retention_days)}
            className={input}
          />
        )}
      </FormField>
      <FormField
        label="Allowed origins"
        hint="One per line, e.g. https://app.example.com. Empty: any origin."
        error={error("allowed_origins")}
      >
        {(c) => (
          <textarea
            {...c}
            name="allowed_origins"
            rows={3}
            defaultValue={shown("allowed_origins", project.allowed_origins.join("\n"))}
            className={`${input} font-mono`}
          />
        )}
      </FormField>
      <FormField label="Client IP storage" error={error("ip_storage")}>
        {(c) => (
          <select
            {...c}
            key={shown("ip_storage", project.ip_storage)}
            name="ip_storage"
            defaultValue={shown("ip_storage", project.ip_storage)}
            className={input}
          >
            <option value="none">Do not store</option>
            <option value="truncated">Truncated (/24, /48)</option>
            <option value="full">Full address</option>
          </select>
        )}
      </FormField>
      <FormField label="Requests per IP per minute" error={error("rate_limit_per_ip_per_minute")}>
        {(c) => (
          <input
            {...c}
            name="rate_limit_per_ip_per_minute"
            type="number"
            {...settingBounds.rate_limit_per_ip_per_minute}
            required
            defaultValue={shown(
              "rate_limit_per_ip_per_minute",
              project.rate_limit_per_ip_per_minute,
            )}
            className={input}
          />
        )}
      </FormField>
      <FormField label="Events per minute (project)" error={error("rate_limit_events_per_minute")}>
        {(c) => (
          <input
            {...c}
            name="rate_limit_events_per_minute"
            type="number"
            {...settingBounds.rate_limit_events_per_minute}
            required
            defaultValue={shown(
              "rate_limit_events_per_minute",
              project.rate_limit_events_per_minute,
            )}
            className={input}
          />
        )}
      </FormField>
      <FormField
        label="Max stored events"
        hint="Optional: the prune removes the oldest beyond this."
        error={error("max_events")}
      >
        {(c) => (
          <input
            {...c}
            name="max_events"
            type="number"
            {...settingBounds.max_events}
            defaultValue={shown("max_events", project.max_events)}
            className={input}
          />
        )}
      </FormField>
      <div className="flex items-center gap-3 sm:col-span-2">
        <button type="submit" disabled={pending} className={primaryButtonClass}>
          {pending ? "Saving…" : "Save settings"}
        </button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}
