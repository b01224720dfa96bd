import type { FormState } from "@/lib/forms/form-state";

/** A form's outcome that belongs to no single field: success in green, a refusal in red. */
export function FormStatus({ state, className = "" }: { state: FormState; className?: string }) {
  return (
    <p
      role={state.error ? "alert" : "status"}
      className={`text-sm ${state.error ? "text-red-700" : "text-emerald-700"} ${className}`}
    >
      {state.error ?? state.message}
    </p>
  );
}

/** A refusal that belongs to no single field, shown only when there is one. */
export function FormError({ error }: { error?: string }) {
  if (!error) return null;
  return (
    <p role="alert" className="text-sm text-red-700">
      {error}
    </p>
  );
}
