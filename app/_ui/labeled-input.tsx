import type { ComponentProps, ReactNode } from "react";
import { FormField } from "./form-field";
import { inputClass } from "./styles";

/** An input with its label, hint and error (form-field.tsx), styled like every form. */
export function LabeledInput({
  label,
  hint,
  error,
  fieldClassName,
  className = "",
  ...input
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** Classes for the field's box (grid span, flex), not the input. */
  fieldClassName?: string;
} & ComponentProps<"input">) {
  return (
    <FormField label={label} hint={hint} error={error} className={fieldClassName}>
      {(control) => <input {...input} {...control} className={`${inputClass} mt-1 ${className}`} />}
    </FormField>
  );
}
