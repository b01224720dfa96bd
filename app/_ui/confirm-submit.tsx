"use client";

import { type ComponentProps, type ReactNode, useEffect, useRef, useState } from "react";
import { dangerButtonClass, secondaryButtonClass } from "./styles";

/**
 * A destructive form's submit button that first says what will happen: the first click shows the
 * consequence with "Yes, …" and "Cancel"; only the second submits. Escape cancels. Works inside
 * any form (server action or not), so the action itself stays as it was.
 */
export function ConfirmSubmit({
  label,
  confirmLabel,
  consequence,
  pending = false,
  small = false,
}: {
  label: string;
  confirmLabel: string;
  consequence: ReactNode;
  pending?: boolean;
  small?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  const size = small ? "py-1 text-xs" : "";
  if (!asking) {
    return (
      <button
        type="button"
        onClick={() => setAsking(true)}
        disabled={pending}
        className={`${dangerButtonClass} ${size}`}
      >
        {label}
      </button>
    );
  }
  return (
    <span
      role="alertdialog"
      aria-label={label}
      className="flex flex-wrap items-center gap-2 rounded-md border border-red-200 bg-red-50 p-2 text-sm text-red-900"
      onKeyDown={(e) => {
        if (e.key === "Escape") setAsking(false);
      }}
    >
      <span>{consequence}</span>
      <button
        ref={confirmRef}
        type="submit"
        disabled={pending}
        className={`${dangerButtonClass} ${size}`}
      >
        {confirmLabel}
      </button>
      <button
        type="button"
        onClick={() => setAsking(false)}
        className={`${secondaryButtonClass} ${size}`}
      >
        Cancel
      </button>
    </span>
  );
}

/** A form that is only its confirmed submit button, acting on one id (revoke, reset, remove). */
export function ConfirmForm({
  action,
  field,
  value,
  className,
  ...submit
}: {
  action: ComponentProps<"form">["action"];
  /** The hidden field the action reads, and its value. */
  field: string;
  value: string;
  className?: string;
} & Parameters<typeof ConfirmSubmit>[0]) {
  return (
    <form action={action} className={className}>
      <input type="hidden" name={field} value={value} />
      <ConfirmSubmit {...submit} />
    </form>
  );
}
