import Link from "next/link";
import { EscapedText } from "@/app/_ui/escaped-text";
import { filtersToParams } from "@/lib/logs/filters";
import type { SessionContext } from "@/lib/logs/session-context";
import { maxEscapesPerCell as cell } from "@/lib/logs/visible-text";
import { LevelBadge } from "../../logs/_components/level-badge";
import { FieldSection } from "./field-section";

/** Seconds from the event, signed: "−12.3 s", "+0.4 s", "this event". */
function offset(fromMs: number, iso: string): string {
  const s = (Date.parse(iso) - fromMs) / 1000;
  return `${s < 0 ? "−" : "+"}${Math.abs(s).toFixed(1)} s`;
}

/**
 * "Logs from this session around this moment": the same session_id within ±5 minutes
 * (lib/logs/session-context.ts), each a link to its event page, and a link to the explorer
 * with the whole window.
 */
export function SessionLogs({ context, eventId }: { context: SessionContext; eventId: string }) {
  const self = context.logs.find((l) => l.id === eventId);
  const atMs = self ? Date.parse(self.received_at) : Date.now();
  const params = filtersToParams(context.filters);
  params.delete("project");
  const explorer = `/projects/${context.filters.project}/logs?${params}`;
  return (
    <FieldSection
      title="Logs from this session around this moment"
      className="rounded-lg border border-zinc-200 bg-white p-3"
    >
      <p className="mb-2 text-xs text-zinc-500">
        The same session, 5 minutes either side.{" "}
        <Link href={explorer} className="underline" data-session-explorer="">
          All of them in the explorer →
        </Link>
      </p>
      {context.hasMoreBefore && <p className="text-xs text-zinc-400">… earlier events</p>}
      <ol data-session-logs="" className="divide-y divide-zinc-100">
        {context.logs.map((log) => {
          const isSelf = log.id === eventId;
          return (
            <li
              key={log.id}
              data-session-log={log.id}
              aria-current={isSelf ? "true" : undefined}
              className={`grid grid-cols-[5.5rem_3.5rem_1fr] items-baseline gap-x-2 py-1 text-sm ${isSelf ? "bg-sky-50 font-medium" : ""}`}
            >
              <span className="text-right text-xs text-zinc-500">
                {isSelf ? "this event" : offset(atMs, log.received_at)}
              </span>
              <LevelBadge level={log.level} />
              <Link
                href={`/projects/${log.project_id}/logs/${log.id}`}
                className="truncate font-mono text-xs hover:underline"
              >
                <EscapedText text={log.message.slice(0, 300)} maxEscapes={cell} />
              </Link>
            </li>
          );
        })}
      </ol>
      {context.hasMoreAfter && <p className="text-xs text-zinc-400">… later events</p>}
    </FieldSection>
  );
}
