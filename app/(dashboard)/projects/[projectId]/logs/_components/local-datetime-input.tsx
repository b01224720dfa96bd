"use client";

import { useEffect, useState } from "react";

/** "2026-01-02T03:04" in the browser's zone, what a datetime-local input shows. */
function toLocalInput(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return "";
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * A time-range bound picked in the admin's own time zone, submitted as RFC 3339 UTC (the URL
 * stays the same for every viewer, so a shared link reproduces the view). Before hydration the
 * hidden field already carries the URL's value, so the form works without JavaScript too.
 */
export function LocalDateTimeInput({
  name,
  iso,
  label,
  className,
}: {
  name: string;
  iso: string;
  /** The visible input's name for assistive tech (the explorer's say From / To). */
  label?: string;
  className?: string;
}) {
  const [utc, setUtc] = useState(iso);
  const [local, setLocal] = useState("");
  useEffect(() => setLocal(toLocalInput(iso)), [iso]);
  return (
    <>
      <input
        type="datetime-local"
        aria-label={`${label ?? (name === "from" ? "From" : "To")} (your time zone)`}
        value={local}
        onChange={(e) => {
          setLocal(e.target.value);
          const ms = Date.parse(e.target.value); // no zone suffix: parsed as local time
          setUtc(Number.isFinite(ms) ? new Date(ms).toISOString() : "");
        }}
        className={className}
      />
      <input type="hidden" name={name} value={utc} />
    </>
  );
}
