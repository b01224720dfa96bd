import type { LogLevel } from "@/lib/db/schema/logs";

export const levelStyles: Record<LogLevel, { badge: string; fill: string }> = {
  trace: { badge: "bg-zinc-100 text-zinc-600", fill: "#a1a1aa" },
  debug: { badge: "bg-sky-100 text-sky-800", fill: "#38bdf8" },
  info: { badge: "bg-emerald-100 text-emerald-800", fill: "#10b981" },
  warn: { badge: "bg-amber-100 text-amber-900", fill: "#f59e0b" },
  error: { badge: "bg-red-100 text-red-800", fill: "#ef4444" },
  fatal: { badge: "bg-fuchsia-200 text-fuchsia-900", fill: "#a21caf" },
};

export function LevelBadge({ level }: { level: LogLevel }) {
  return (
    <span
      data-level={level}
      className={`inline-block w-12 rounded px-1.5 py-0.5 text-center font-mono text-xs font-semibold uppercase ${levelStyles[level].badge}`}
    >
      {level}
    </span>
  );
}
