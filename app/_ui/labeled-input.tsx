import type { ComponentProps, ReactNode } from "react";
import { inputClass } from "./styles";

/** A form input inside its label (so a click on the text focuses it), styled like every form. */
export function LabeledInput({
  label,
  hint,
  className = "",
  ...input
}: { label: ReactNode; hint?: ReactNode } & ComponentProps<"input">) {
  return (
    <label className="block text-sm font-medium">
      {label}
      <input {...input} className={`${inputClass} mt-1 ${className}`} />
      {hint && <span className="mt-1 block text-xs font-normal text-zinc-500">{hint}</span>}
    </label>
  );
}
