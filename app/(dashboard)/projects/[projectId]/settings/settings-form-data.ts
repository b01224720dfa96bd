// Form fields → the API's snake_case settings shape (validated by updateProjectBodySchema).

function intOrUndefined(value: FormDataEntryValue | null): number | undefined {
  if (value === null || value === "") return undefined;
  return Number(value);
}

export function settingsFromForm(form: FormData) {
  const origins = String(form.get("allowed_origins") ?? "")
    .split(/[\s,]+/)
    .map((o) => o.trim())
    .filter(Boolean);
  const maxEvents = form.get("max_events");
  return {
    name: String(form.get("name") ?? ""),
    retention_days: intOrUndefined(form.get("retention_days")),
    allowed_origins: origins,
    rate_limit_per_ip_per_minute: intOrUndefined(form.get("rate_limit_per_ip_per_minute")),
    rate_limit_events_per_minute: intOrUndefined(form.get("rate_limit_events_per_minute")),
    ip_storage: String(form.get("ip_storage") ?? ""),
    max_events: maxEvents === null || maxEvents === "" ? null : Number(maxEvents),
  };
}
