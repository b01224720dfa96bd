"use client";

import { useEffect, useState } from "react";

/**
 * On a phone the filters beyond the search box fold behind one "Filters" button (they once
 * filled the first screen); from `sm` up they are always shown. Also owns the `/` shortcut
 * to the search box, since this leaf is on every explorer view.
 */
export function FilterDisclosure({
  search,
  actions,
  activeCount,
  searchInputId,
  children,
}: {
  search: React.ReactNode;
  actions: React.ReactNode;
  activeCount: number;
  searchInputId: string;
  children: React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "/" || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target;
      if (
        target instanceof HTMLElement &&
        (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))
      )
        return;
      const input = document.getElementById(searchInputId);
      if (!(input instanceof HTMLInputElement)) return;
      event.preventDefault();
      input.focus();
      input.select();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [searchInputId]);
  return (
    <>
      <div className="flex flex-wrap items-end gap-2">
        {search}
        <button
          type="button"
          aria-expanded={open}
          aria-controls="explorer-filters"
          onClick={() => setOpen((v) => !v)}
          className="rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 sm:hidden"
        >
          Filters{activeCount > 0 ? ` (${activeCount})` : ""} {open ? "▴" : "▾"}
        </button>
        {actions}
      </div>
      <div id="explorer-filters" className={`${open ? "flex" : "hidden"} flex-col gap-2 sm:flex`}>
        {children}
      </div>
    </>
  );
}
