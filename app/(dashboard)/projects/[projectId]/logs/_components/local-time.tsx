"use client";

import { useEffect, useState } from "react";

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1000],
];

function relative(ms: number, now: number): string {
  const diff = ms - now;
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  for (const [unit, size] of units) {
    if (Math.abs(diff) >= size || unit === "second")
      return format.format(Math.round(diff / size), unit);
  }
  return "";
}

/**
 * A time in the admin's own time zone. The server renders UTC (it does not know the zone);
 * after hydration the browser swaps in local and relative time, so SSR and the first client
 * render agree.
 */
export function LocalTime({ iso, mode = "both" }: { iso: string; mode?: "both" | "absolute" }) {
  const [local, setLocal] = useState<{ absolute: string; relative: string } | null>(null);
  useEffect(() => {
    const ms = Date.parse(iso);
    if (!Number.isFinite(ms)) return;
    const update = () =>
      setLocal({
        absolute: new Date(ms).toLocaleString(undefined, {
          year: "numeric",
          month: "short",
          day: "2-digit",
          hour: "2-digit",
          minute: "2-digit",
          second: "2-digit",
          fractionalSecondDigits: 3,
        }),
        relative: relative(ms, Date.now()),
      });
    update();
    const timer = setInterval(update, 30_000);
    return () => clearInterval(timer);
  }, [iso]);
  const absolute = local?.absolute ?? `${iso.replace("T", " ").slice(0, 23)} UTC`;
  return (
    <time dateTime={iso} title={iso} className="whitespace-nowrap">
      {absolute}
      {mode === "both" && local && <span className="ml-1 text-zinc-500">({local.relative})</span>}
    </time>
  );
}
