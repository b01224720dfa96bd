import type { ComponentProps, ReactNode } from "react";
import { type FormState, shownValue } from "@/lib/forms/form-state";
import { textLimits } from "@/lib/input-limits";
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

/** A form's field `field`, showing again what was submitted and its error (form-state.ts). */
export function StatefulInput<F extends string>({
  state,
  field,
  saved = "",
  ...input
}: {
  state: FormState<F>;
  field: F;
  /** The stored value, shown until something else was submitted. */
  saved?: string | number | null;
} & Parameters<typeof LabeledInput>[0]) {
  return (
    <LabeledInput
      name={field}
      defaultValue={shownValue(state, field, saved)}
      error={state.fieldErrors?.[field]}
      {...input}
    />
  );
}

/** The name of what a form creates (project, key, token, user), capped as the API caps it. */
export function NameInput<F extends string>(
  props: { state: FormState<F | "name"> } & Omit<
    Parameters<typeof StatefulInput>[0],
    "field" | "state"
  >,
) {
  return <StatefulInput {...props} field="name" maxLength={textLimits.nameChars} />;
}

/** A form's select `field`: the submitted choice again after a refusal (keyed, see shownValue). */
export function StatefulSelect<F extends string>({
  state,
  field,
  saved,
  label,
  fieldClassName,
  children,
  ...select
}: {
  state: FormState<F>;
  field: F;
  saved: string;
  label: ReactNode;
  fieldClassName?: string;
} & ComponentProps<"select">) {
  const shown = shownValue(state, field, saved);
  return (
    <FormField label={label} error={state.fieldErrors?.[field]} className={fieldClassName}>
      {(control) => (
        <select
          {...select}
          {...control}
          key={shown}
          name={field}
          defaultValue={shown}
          className={`${inputClass} mt-1`}
        >
          {children}
        </select>
      )}
    </FormField>
  );
}

/** An email address field (sign-in, setup, invite): the browser's own checks and autofill. */
export function EmailInput<F extends string>(
  props: { state: FormState<F | "email"> } & Omit<
    Parameters<typeof StatefulInput>[0],
    "field" | "state"
  >,
) {
  return (
    <StatefulInput
      type="email"
      autoComplete="username"
      required
      maxLength={textLimits.emailChars}
      {...props}
      field="email"
    />
  );
}
