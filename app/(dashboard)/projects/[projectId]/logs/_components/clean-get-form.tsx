"use client";

import type { ComponentProps } from "react";

/**
 * A GET form whose URL carries only what was set: empty fields (and the "All time" default)
 * are disabled for the moment of submission, so they never reach the query string
 * (`?level=&q=&release=` was the old result). Without JavaScript it still submits, with them.
 */
export function CleanGetForm(props: Omit<ComponentProps<"form">, "method" | "onSubmit">) {
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
          if (checkable || (el.value !== "" && !(el.name === "range" && el.value === "all")))
            continue;
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
