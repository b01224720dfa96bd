"use client";

import { useEffect, useRef, useState } from "react";
import type { LogDto } from "@/lib/logs/dto";
import { LogRow, LogTableHead, logBodyClass, logTableClass } from "./log-row";

interface TailBatch {
  logs: LogDto[];
  cursor: string;
  has_more: boolean;
}

const pollMs = 2_000;
const maxShown = 500;

/**
 * Live tail by polling the read API. Each poll resumes from the last cursor, so pausing,
 * resuming or a failed request never repeats or drops an event; ids are also de-duplicated
 * here as a second guard. New events are prepended above the table, newest first.
 */
export function LiveTail({
  query,
  initialCursor,
  zone,
}: {
  query: string;
  initialCursor: string;
  /** The zone the server rendered the page's times in, so tailed rows match them. */
  zone: string;
}) {
  const [on, setOn] = useState(false);
  const [logs, setLogs] = useState<LogDto[]>([]);
  const [status, setStatus] = useState<"idle" | "live" | "retrying">("idle");
  const cursor = useRef(initialCursor);
  const seen = useRef(new Set<string>());

  useEffect(() => {
    if (!on) {
      setStatus("idle");
      return;
    }
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const poll = async () => {
      let delay = pollMs;
      try {
        const params = new URLSearchParams(query);
        params.set("cursor", cursor.current);
        const res = await fetch(`/api/v1/logs/tail?${params}`, { cache: "no-store" });
        if (!res.ok) throw new Error(`tail answered ${res.status}`);
        const batch = (await res.json()) as TailBatch;
        if (stopped) return;
        cursor.current = batch.cursor;
        const fresh = batch.logs.filter((l) => !seen.current.has(l.id));
        for (const l of fresh) seen.current.add(l.id);
        if (fresh.length) setLogs((old) => [...fresh.reverse(), ...old].slice(0, maxShown));
        failures = 0;
        setStatus("live");
        if (batch.has_more) delay = 0;
      } catch {
        failures++;
        setStatus("retrying");
        delay = Math.min(30_000, pollMs * 2 ** failures);
      }
      if (!stopped) timer = setTimeout(poll, delay);
    };
    poll();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [on, query]);

  return (
    <section aria-label="Live tail" className="space-y-2">
      <div className="flex items-center gap-2 text-sm">
        <button
          type="button"
          aria-pressed={on}
          onClick={() => setOn((v) => !v)}
          className={`rounded-md border px-3 py-1 font-medium ${on ? "border-emerald-600 bg-emerald-600 text-white" : "border-zinc-300 bg-white"}`}
        >
          {on ? "Pause live tail" : "Live tail"}
        </button>
        <span data-tail-status={status} className="text-xs text-zinc-500">
          {status === "live"
            ? "Live: polling every 2 s"
            : status === "retrying"
              ? "Reconnecting…"
              : on
                ? "Starting…"
                : "Paused"}
          {logs.length > 0 && ` · ${logs.length} new`}
        </span>
      </div>
      {logs.length > 0 && (
        <div className="rounded-lg border border-emerald-200 bg-white">
          <table className={logTableClass} data-live-table="">
            <LogTableHead zone={zone} />
            <tbody className={logBodyClass}>
              {logs.map((log) => (
                <LogRow key={log.id} log={log} zone={zone} nowMs={Date.now()} fresh />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
