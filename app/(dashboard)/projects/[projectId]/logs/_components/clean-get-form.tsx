"use client";

import type { ComponentProps } from "react";

/**
 * A GET form whose URL carries only what was set: empty fields (and each field's default)
 * are disabled for the moment of submission, so they never reach the query string
 * (`?level=&q=&release=` was the old result). Without JavaScript it still submits, with them.
 */
export function CleanGetForm({
  defaults = {},
  ...props
}: Omit<ComponentProps<"form">, "method" | "onSubmit"> & {
  /** Values that mean "as if unset" (a list's default status or sort): left out like blanks. */
  defaults?: Record<string, string>;
}) {
  return (
    <form
      {...props}
      method="get"
      onSubmit={(event) => {
        for (const el of event.currentTarget.elements) {
          if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement) || !el.name)
            continue;
          const checkable =
            el instanceof HTMLInputElement && ["checkbox", "radio"].includes(el.type);
          const isDefault = defaults[el.name] === el.value;
          if (checkable || (el.value !== "" && !isDefault)) continue;
          // The entry list is built after this event, so disabling now leaves them out;
          // re-enabled at once for a page restored from the back/forward cache.
          el.disabled = true;
          setTimeout(() => {
            el.disabled = false;
          });
        }
      }}
    />
  );
}
