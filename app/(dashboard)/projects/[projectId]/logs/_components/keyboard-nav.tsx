"use client";

import { useEffect, useRef, useState } from "react";

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))
  );
}

/** The ▸ button of the row holding the focus (its link or the button itself). */
function focusedRowToggle(): HTMLButtonElement | null | undefined {
  return document.activeElement
    ?.closest("tr")
    ?.querySelector<HTMLButtonElement>("button[data-expand]");
}

/**
 * j/k or ↓/↑ move focus between the row links of the table inside; Enter then opens the
 * focused row natively (a real link, so no log data ever reaches router.push or location);
 * `e` opens or closes the focused row inline, Esc closes it (and leaves the query bar, whose
 * own Esc first closes its suggestions).
 */
export function KeyboardNav({ children }: { children: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === "Escape") {
        if (isTyping(event.target)) {
          if (!event.defaultPrevented) (event.target as HTMLElement).blur();
          return;
        }
        const toggle = focusedRowToggle();
        if (toggle?.getAttribute("aria-expanded") === "true") toggle.click();
        return;
      }
      if (isTyping(event.target)) return;
      if (event.key === "e") {
        const toggle = focusedRowToggle();
        if (!toggle) return;
        event.preventDefault();
        toggle.click();
        // Back to the row's link, so j/k and Enter carry on from the same row.
        toggle.closest("tr")?.querySelector<HTMLAnchorElement>("a[data-row-link]")?.focus();
        return;
      }
      const step =
        event.key === "j" || event.key === "ArrowDown"
          ? 1
          : event.key === "k" || event.key === "ArrowUp"
            ? -1
            : 0;
      if (!step || !ref.current) return;
      const links = [...ref.current.querySelectorAll<HTMLAnchorElement>("a[data-row-link]")];
      if (links.length === 0) return;
      const current = links.indexOf(document.activeElement as HTMLAnchorElement);
      const next =
        current === -1
          ? step > 0
            ? 0
            : links.length - 1
          : Math.min(links.length - 1, Math.max(0, current + step));
      event.preventDefault();
      links[next]?.focus();
      links[next]?.scrollIntoView({ block: "nearest" });
    };
    document.addEventListener("keydown", onKey);
    setReady(true);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  return (
    <div ref={ref} data-keyboard-nav={ready ? "ready" : ""}>
      {children}
    </div>
  );
}
