"use client";

import { useEffect, useRef, useState } from "react";
import type { LogDto } from "@/lib/logs/dto";
import type { GridColumn } from "@/lib/logs/grid-columns";
import { gridStyle, LogRow, LogTableHead, logBodyClass, logTableClass } from "./log-row";

const maxShown = 500;
/** Ids remembered to drop the few events a resume re-sends (the server's last ~2 s). */
const maxRemembered = 2_000;

type Status = "idle" | "connecting" | "live" | "retrying";

/**
 * Live tail over server-sent events (GET /api/v1/logs/stream, the page's filters applied on the
 * server). Every message carries the resume point as its id: the browser's EventSource
 * reconnects with it by itself (the server ends each stream after its maximum duration), and
 * pause closes the stream and keeps the last id, so resume continues exactly there. Ids are
 * de-duplicated here; a backlog too large to send arrives as one "N more" marker. New events
 * are prepended above the table, newest first, at most `maxShown`.
 */
export function LiveTail({
  query,
  initialCursor,
  zone,
  columns,
}: {
  query: string;
  initialCursor: string;
  /** The zone the server rendered the page's times in, so tailed rows match them. */
  zone: string;
  /** The grid's chosen columns, so tailed rows line up with the list's. */
  columns: GridColumn[];
}) {
  const [on, setOn] = useState(false);
  const [logs, setLogs] = useState<LogDto[]>([]);
  const [skipped, setSkipped] = useState(0);
  const [status, setStatus] = useState<Status>("idle");
  const cursor = useRef(initialCursor);
  const seen = useRef(new Set<string>());

  useEffect(() => {
    if (!on) {
      setStatus("idle");
      return;
    }
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const remember = (e: MessageEvent) => {
      if (e.lastEventId) cursor.current = e.lastEventId;
    };
    const open = () => {
      setStatus("connecting");
      const params = new URLSearchParams(query);
      params.set("cursor", cursor.current);
      source = new EventSource(`/api/v1/logs/stream?${params}`);
      source.onopen = () => {
        failures = 0;
        setStatus("live");
      };
      source.addEventListener("log", (e) => {
        remember(e);
        const log = JSON.parse(e.data) as LogDto;
        if (seen.current.has(log.id)) return;
        seen.current.add(log.id);
        if (seen.current.size > maxRemembered) {
          const oldest = seen.current.values().next().value;
          if (oldest !== undefined) seen.current.delete(oldest);
        }
        setLogs((old) => [log, ...old].slice(0, maxShown));
      });
      source.addEventListener("more", (e) => {
        remember(e);
        setSkipped((n) => n + (JSON.parse(e.data) as { count: number }).count);
      });
      source.addEventListener("position", remember);
      source.addEventListener("reconnect", remember);
      source.onerror = () => {
        // EventSource retries a dropped stream itself (with the last id); a refused one
        // (e.g. a 503) is closed, so reopen from our own last id with a growing delay.
        if (source?.readyState !== EventSource.CLOSED) {
          setStatus("retrying");
          return;
        }
        failures++;
        setStatus("retrying");
        retry = setTimeout(open, Math.min(30_000, 1_000 * 2 ** failures));
      };
    };
    open();
    return () => {
      source?.close();
      if (retry) clearTimeout(retry);
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
            ? "Live: streaming"
            : status === "retrying"
              ? "Reconnecting…"
              : status === "connecting"
                ? "Starting…"
                : "Paused"}
          {logs.length > 0 && ` · ${logs.length} new`}
        </span>
      </div>
      {skipped > 0 && (
        <p data-tail-more={skipped} className="text-xs text-amber-800">
          {skipped.toLocaleString("en")} more events arrived faster than they could be shown and
          were skipped; the list and export have them.
        </p>
      )}
      {logs.length > 0 && (
        <div className="rounded-lg border border-emerald-200 bg-white">
          <table className={logTableClass} style={gridStyle(columns.length)} data-live-table="">
            <LogTableHead zone={zone} columns={columns} />
            <tbody className={logBodyClass}>
              {logs.map((log) => (
                <LogRow
                  key={log.id}
                  log={log}
                  zone={zone}
                  nowMs={Date.now()}
                  columns={columns}
                  fresh
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
