import Link from "next/link";
import { EscapedText } from "@/app/_ui/escaped-text";
import { formatTime, relativeTime } from "@/lib/format/time";
import { changeBadge, describeChanges } from "@/lib/logs/changes";
import type { LogDto } from "@/lib/logs/dto";
import { termText } from "@/lib/logs/query/edit";
import { maxEscapesPerCell as cell } from "@/lib/logs/visible-text";
import { HighlightedText } from "./highlighted-text";
import { LevelBadge } from "./level-badge";

/**
 * One event; rendered by the server table and by the live tail alike. Below `sm` the row is a
 * two-line card (time and level, then the message), not three squeezed columns: on a phone the
 * time column once ran over the level and left the message ~12 characters.
 */
export function LogRow({
  log,
  zone,
  nowMs,
  fresh = false,
  highlight,
  termHref,
}: {
  log: LogDto;
  zone: string;
  nowMs: number;
  fresh?: boolean;
  highlight?: string;
  /** The explorer with a term added to its query; set by the server table (chips are links). */
  termHref?: (term: string) => string | undefined;
}) {
  const badge = changeBadge(log.truncated_fields, log.normalized_fields);
  const firstLine = log.message.length > 400 ? `${log.message.slice(0, 400)}…` : log.message;
  return (
    <tr
      data-log-id={log.id}
      className={`grid grid-cols-[1fr_auto] gap-x-2 gap-y-1 border-b border-zinc-100 px-2 py-2 align-top sm:table-row sm:p-0 ${fresh ? "bg-emerald-50" : ""}`}
    >
      <td className="text-xs text-zinc-600 sm:px-2 sm:py-1.5">
        <time dateTime={log.received_at} title={log.received_at} className="whitespace-nowrap">
          {formatTime(log.received_at, zone)}
        </time>{" "}
        {/* Its own line in the column: beside the time it once ran under the level badge. */}
        <span className="whitespace-nowrap text-zinc-500 sm:block">
          {relativeTime(log.received_at, nowMs)}
        </span>
      </td>
      <td className="sm:px-2 sm:py-1.5">
        <LevelBadge level={log.level} />
      </td>
      <td className="col-span-2 min-w-0 sm:w-full sm:max-w-0 sm:px-2 sm:py-1.5">
        <Link
          href={`/projects/${log.project_id}/logs/${log.id}`}
          data-row-link=""
          className="line-clamp-2 font-mono text-sm text-zinc-900 wrap-anywhere hover:underline focus:bg-sky-100 focus:outline-2 focus:outline-sky-600"
        >
          <HighlightedText text={firstLine} term={highlight} maxEscapes={cell} />
        </Link>
        <div className="flex flex-wrap gap-x-2 text-xs text-zinc-500 wrap-anywhere">
          {log.environment && (
            <Chip label="env" field="environment" value={log.environment} termHref={termHref} />
          )}
          {log.release && (
            <Chip label="release" field="release" value={log.release} termHref={termHref} />
          )}
          {log.logger && (
            <Chip label="logger" field="logger" value={log.logger} termHref={termHref} />
          )}
          {badge && (
            <span
              data-truncated=""
              title={describeChanges(log.truncated_fields, log.normalized_fields).join("; ")}
              className="min-w-0 rounded bg-zinc-200 px-1 text-zinc-700"
            >
              {badge}
            </span>
          )}
        </div>
      </td>
    </tr>
  );
}

/** A row's value; a link adding `field:value` to the query where the table allows it. */
function Chip({
  label,
  field,
  value,
  termHref,
}: {
  label: string;
  field: string;
  value: string;
  termHref?: (term: string) => string | undefined;
}) {
  const text = (
    <>
      {label}: <EscapedText text={value} maxEscapes={cell} />
    </>
  );
  const href = termHref?.(termText(field, value));
  return href ? (
    <Link
      href={href}
      className="min-w-0 hover:underline"
      data-chip={field}
      title={`Add ${field} to the query`}
    >
      {text}
    </Link>
  ) : (
    <span className="min-w-0">{text}</span>
  );
}

/** Below `sm` the table and its body are plain blocks, so each row can be a card. */
export const logTableClass = "block w-full text-sm sm:table sm:table-fixed";
export const logBodyClass = "block sm:table-row-group";

export function LogTableHead({ zone }: { zone: string }) {
  return (
    <thead className="hidden border-b border-zinc-200 bg-zinc-50 text-left text-xs uppercase text-zinc-500 sm:table-header-group">
      <tr>
        {/* table-fixed splits columns evenly unless told: the message takes what is left. */}
        <th scope="col" className="w-44 px-2 py-1.5 font-medium">
          Received <span className="block normal-case wrap-anywhere">({zone})</span>
        </th>
        <th scope="col" className="w-16 px-2 py-1.5 font-medium">
          Level
        </th>
        <th scope="col" className="px-2 py-1.5 font-medium">
          Message
        </th>
      </tr>
    </thead>
  );
}
