"use client";

/**
 * Alt-click on a facet value excludes it: the click is turned into a click on the value's own
 * "−" link (rendered by the server), so no URL is built or read here.
 */
export function FacetAltClick({ children }: { children: React.ReactNode }) {
  return (
    <div
      onClickCapture={(event) => {
        if (!event.altKey || !(event.target instanceof Element)) return;
        const include = event.target.closest("[data-facet-include]");
        const exclude = include?.parentElement?.querySelector("[data-facet-exclude]");
        if (!(exclude instanceof HTMLAnchorElement)) return;
        event.preventDefault();
        event.stopPropagation();
        exclude.click();
      }}
    >
      {children}
    </div>
  );
}
