// The settings form's fields: how each is named in messages, and its text → the API's
// snake_case settings shape (validated by updateProjectBodySchema).
import type { FieldSpecs } from "@/lib/forms/field-spec";
import { listEntries } from "@/lib/forms/field-spec";
import { boundsInWords, settingBounds } from "@/lib/input-limits";

export const settingsFields = {
  name: { label: "Name" },
  retention_days: {
    label: "Retention (days)",
    invalid: `enter a whole number of days ${boundsInWords(settingBounds.retention_days)}`,
  },
  allowed_origins: {
    label: "Allowed origins",
    list: {
      invalid:
        "enter an origin like https://app.example.com (no path, no trailing slash), or https://*.example.com",
    },
  },
  ip_storage: { label: "Client IP storage" },
  rate_limit_per_ip_per_minute: {
    label: "Requests per IP per minute",
    invalid: `enter a whole number ${boundsInWords(settingBounds.rate_limit_per_ip_per_minute)}`,
  },
  rate_limit_events_per_minute: {
    label: "Events per minute",
    invalid: `enter a whole number ${boundsInWords(settingBounds.rate_limit_events_per_minute)}`,
  },
  max_events: {
    label: "Max stored events",
    invalid: `enter a whole number ${boundsInWords(settingBounds.max_events)}, or leave it empty`,
  },
} satisfies FieldSpecs<string>;

export type SettingsField = keyof typeof settingsFields;

function intOrUndefined(value: string): number | undefined {
  return value.trim() === "" ? undefined : Number(value);
}

export function settingsFromForm(values: Record<SettingsField, string>) {
  return {
    name: values.name,
    retention_days: intOrUndefined(values.retention_days),
    allowed_origins: listEntries(values.allowed_origins).map((entry) => entry.value),
    rate_limit_per_ip_per_minute: intOrUndefined(values.rate_limit_per_ip_per_minute),
    rate_limit_events_per_minute: intOrUndefined(values.rate_limit_events_per_minute),
    ip_storage: values.ip_storage,
    max_events: intOrUndefined(values.max_events) ?? null,
  };
}
