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
