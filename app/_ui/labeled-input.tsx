import type { ComponentProps, ReactNode } from "react";
import { FormField } from "./form-field";
import { inputClass } from "./styles";

/** An input with its label, hint and error (form-field.tsx), styled like every form. */
export function LabeledInput({
  label,
  hint,
  error,
  className = "",
  ...input
}: { label: ReactNode; hint?: ReactNode; error?: string } & ComponentProps<"input">) {
  return (
    <FormField label={label} hint={hint} error={error}>
      {(control) => <input {...input} {...control} className={`${inputClass} mt-1 ${className}`} />}
    </FormField>
  );
}
