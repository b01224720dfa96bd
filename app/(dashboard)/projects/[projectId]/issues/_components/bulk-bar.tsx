"use client";

import { useEffect, useState } from "react";

/** The changes the bar offers, in button order: each button posts its own `change`. */
const bulkChanges = [
  ["resolve", "Resolve"],
  ["ignore", "Ignore"],
  ["unresolve", "Unresolve"],
] as const;

const checkboxes = () => [
  ...document.querySelectorAll<HTMLInputElement>("input[data-select-issue]"),
];

/**
 * The admins' bulk actions over the list: a "select all on this page" box, how many are
 * checked, and one button per change. The row checkboxes live in the table (`form="issue-bulk"`)
 * and the form posts a server action, so it works without JavaScript too (then without the
 * count and "select all").
 */
export function BulkBar({ action }: { action: (form: FormData) => Promise<void> }) {
  // null until hydrated: the server's HTML keeps the buttons enabled for a browser without JS.
  const [selected, setSelected] = useState<number | null>(null);
  const [total, setTotal] = useState(0);
  useEffect(() => {
    const count = () => {
      const boxes = checkboxes();
      setTotal(boxes.length);
      setSelected(boxes.filter((b) => b.checked).length);
    };
    // React resets the form (and so the row boxes tied to it) once the action is done: a reset
    // fires no change event, so count again just after it.
    const afterReset = () => setTimeout(count);
    count();
    document.addEventListener("change", count);
    document.addEventListener("reset", afterReset);
    return () => {
      document.removeEventListener("change", count);
      document.removeEventListener("reset", afterReset);
    };
  }, []);
  const button =
    "rounded-md border border-zinc-300 bg-white px-2.5 py-1 text-sm font-medium hover:bg-zinc-100 disabled:opacity-50";
  return (
    <form
      id="issue-bulk"
      action={action}
      aria-label="Bulk actions"
      className="flex flex-wrap items-center gap-2 border-b border-zinc-200 bg-zinc-50 px-2 py-1.5"
    >
      <label className="flex items-center gap-1.5 text-xs text-zinc-600">
        <input
          type="checkbox"
          data-select-all=""
          checked={total > 0 && selected === total}
          onChange={(e) => {
            for (const box of checkboxes()) box.checked = e.target.checked;
            setSelected(e.target.checked ? total : 0);
          }}
        />
        <span data-selected-count={selected ?? 0}>
          {selected ? `${selected} selected` : "Select all on this page"}
        </span>
      </label>
      <span className="ml-auto flex gap-1.5">
        {bulkChanges.map(([change, label]) => (
          <button
            key={change}
            type="submit"
            name="change"
            value={change}
            className={button}
            disabled={selected === 0}
          >
            {label}
          </button>
        ))}
      </span>
    </form>
  );
}
