import type { ReactNode } from "react";
import { FormError } from "./form-status";
import { primaryButtonClass, secondaryButtonClass } from "./styles";

/** What useActionState returns for a form's action. */
type FormAction<State> = [state: State, action: (formData: FormData) => void, pending: boolean];

// "row": the fields and the button side by side from sm up; "grid": three columns of fields,
// the button on a line of its own below them.
const layouts = {
  row: { form: "flex flex-col gap-2 sm:flex-row sm:items-end", button: "" },
  grid: { form: "grid gap-3 sm:grid-cols-3 sm:items-end", button: " sm:col-span-3 sm:w-fit" },
};

/**
 * A form that creates one thing (a project, a key, a token): its fields, a submit button that
 * says so while the action runs, the action's refusal, then what was created (a secret is
 * shown there once).
 */
export function CreateForm<State extends { error?: string }>({
  form: [state, action, pending],
  submitLabel,
  layout,
  primary = false,
  className = "space-y-3",
  children,
  created,
}: {
  form: FormAction<State>;
  submitLabel: string;
  layout: keyof typeof layouts;
  /** The page's main action (a filled button) rather than one of several. */
  primary?: boolean;
  className?: string;
  /** The form's fields. */
  children: ReactNode;
  created: ReactNode;
}) {
  const look = layouts[layout];
  return (
    <div className={className}>
      <form action={action} className={look.form}>
        {children}
        <button
          type="submit"
          disabled={pending}
          className={`${primary ? primaryButtonClass : secondaryButtonClass}${look.button}`}
        >
          {pending ? "Creating…" : submitLabel}
        </button>
      </form>
      <FormError error={state.error} />
      {created}
    </div>
  );
}
