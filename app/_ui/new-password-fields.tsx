import { textLimits } from "@/lib/input-limits";
import { LabeledInput } from "./labeled-input";

/** A new password and its repeat ("confirm"), as every form that sets one asks for them. */
export function NewPasswordFields({
  name,
  label,
  repeatLabel,
  errors,
}: {
  name: string;
  label: string;
  repeatLabel: string;
  errors?: Partial<Record<string, string>>;
}) {
  const field = { type: "password", autoComplete: "new-password", required: true };
  return (
    <>
      <LabeledInput
        {...field}
        label={label}
        name={name}
        minLength={textLimits.passwordMinChars}
        error={errors?.[name]}
      />
      <LabeledInput
        {...field}
        label={repeatLabel}
        name="confirm"
        minLength={textLimits.passwordMinChars}
        error={errors?.confirm}
      />
    </>
  );
}
