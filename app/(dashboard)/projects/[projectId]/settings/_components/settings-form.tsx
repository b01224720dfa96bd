"use client";

import { useActionState } from "react";
import { inputClass, primaryButtonClass } from "@/app/_ui/styles";
import type { ActionState } from "@/lib/auth/action-state";
import type { projectDto } from "@/lib/projects/dto";
import { saveSettingsAction } from "../actions";

type ProjectView = ReturnType<typeof projectDto>;

function Field({
  label,
  hint,
  children,
}: {
  label: string;
  hint?: string;
  children: React.ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control arrives as children, inside the label
    <label className="block text-sm font-medium">
      {label}
      {children}
      {hint && <span className="mt-1 block text-xs font-normal text-zinc-500">{hint}</span>}
    </label>
  );
}

export function SettingsForm({ project }: { project: ProjectView }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(
    saveSettingsAction.bind(null, project.id),
    {},
  );
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-2">
      <Field label="Name">
        <input
          name="name"
          required
          maxLength={100}
          defaultValue={project.name}
          className={`${inputClass} mt-1`}
        />
      </Field>
      <Field label="Retention (days)" hint="Events older than this are pruned.">
        <input
          name="retention_days"
          type="number"
          min={1}
          max={3650}
          required
          defaultValue={project.retention_days}
          className={`${inputClass} mt-1`}
        />
      </Field>
      <Field
        label="Allowed origins"
        hint="One per line, e.g. https://app.example.com. Empty: any origin."
      >
        <textarea
          name="allowed_origins"
          rows={3}
          defaultValue={project.allowed_origins.join("\n")}
          className={`${inputClass} mt-1 font-mono`}
        />
      </Field>
      <Field label="Client IP storage">
        <select
          name="ip_storage"
          defaultValue={project.ip_storage}
          className={`${inputClass} mt-1`}
        >
          <option value="none">Do not store</option>
          <option value="truncated">Truncated (/24, /48)</option>
          <option value="full">Full address</option>
        </select>
      </Field>
      <Field label="Requests per IP per minute">
        <input
          name="rate_limit_per_ip_per_minute"
          type="number"
          min={1}
          required
          defaultValue={project.rate_limit_per_ip_per_minute}
          className={`${inputClass} mt-1`}
        />
      </Field>
      <Field label="Events per minute (project)">
        <input
          name="rate_limit_events_per_minute"
          type="number"
          min={1}
          required
          defaultValue={project.rate_limit_events_per_minute}
          className={`${inputClass} mt-1`}
        />
      </Field>
      <Field label="Max stored events" hint="Optional: the prune removes the oldest beyond this.">
        <input
          name="max_events"
          type="number"
          min={1}
          defaultValue={project.max_events ?? ""}
          className={`${inputClass} mt-1`}
        />
      </Field>
      <div className="flex items-center gap-3 sm:col-span-2">
        <button type="submit" disabled={pending} className={primaryButtonClass}>
          {pending ? "Saving…" : "Save settings"}
        </button>
        <p role="status" className={`text-sm ${state.error ? "text-red-700" : "text-emerald-700"}`}>
          {state.error ?? state.message}
        </p>
      </div>
    </form>
  );
}
