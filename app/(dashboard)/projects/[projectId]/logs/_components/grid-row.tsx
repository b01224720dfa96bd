"use client";

import { useState } from "react";
import { RowDetails } from "./row-details";

/**
 * A grid row that opens inline (issue 18 §3): the ▸ button (or `e` on the focused row, Esc to
 * close; keyboard-nav.tsx) shows the event's details in a cell spanning the row's full width,
 * below its line, without leaving the list. The cells themselves are rendered by the caller
 * (the server for the page's rows), so opening a row costs one fetch and no re-render of them.
 */
export function GridRow({
  logId,
  projectId,
  zone,
  className,
  children,
}: {
  logId: string;
  projectId: string;
  zone: string;
  className: string;
  children: React.ReactNode;
}) {
  const [isOpen, setOpen] = useState(false);
  return (
    <tr data-log-id={logId} data-open={isOpen ? "" : undefined} className={className}>
      <td className="self-center">
        <button
          type="button"
          data-expand=""
          aria-expanded={isOpen}
          aria-label={isOpen ? "Hide details" : "Show details"}
          title={isOpen ? "Hide details (Esc)" : "Show details (e)"}
          onClick={() => setOpen((v) => !v)}
          className="flex h-5 w-5 items-center justify-center rounded text-xs text-zinc-500 hover:bg-zinc-200"
        >
          <span aria-hidden="true" className={`inline-block ${isOpen ? "rotate-90" : ""}`}>
            ▸
          </span>
        </button>
      </td>
      {children}
      {isOpen && (
        <td className="col-span-full min-w-0 border-t border-zinc-100 bg-zinc-50 px-3 py-2">
          <RowDetails logId={logId} projectId={projectId} zone={zone} />
        </td>
      )}
    </tr>
  );
}
