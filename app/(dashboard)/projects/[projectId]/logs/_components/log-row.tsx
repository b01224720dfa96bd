import Link from "next/link";
import type { CSSProperties } from "react";
import { EscapedText } from "@/app/_ui/escaped-text";
import { formatTime, relativeTime } from "@/lib/format/time";
import { changeBadge, describeChanges } from "@/lib/logs/changes";
import type { LogDto } from "@/lib/logs/dto";
import { type GridColumn, gridCellText } from "@/lib/logs/grid-columns";
import { termText } from "@/lib/logs/query/edit";
import { maxEscapesPerCell as cell } from "@/lib/logs/visible-text";
import { GridRow } from "./grid-row";
import { HighlightedText } from "./highlighted-text";
import { LevelBadge } from "./level-badge";

// The explorer's grid (issue 18 §3): one line per event from `sm` up (▸, time, level, the
// chosen columns, the message in monospace cut with an ellipsis, then its chips), so about 35
// rows fill a 900-px-high window. Rows are CSS grids sharing one template (`--grid-cols` on the
// table) instead of table rows, so an opened row's details can span the full width below its
// line. Below `sm` a row is a card: ▸, time and level, then the message over the full width
// (at most two lines), then the columns and chips: on a phone the time column once ran over the
// level and left the message ~12 characters. `content-visibility: auto` lets the browser skip
// the layout and paint of rows off screen, so a long list stays smooth without a virtualising
// script (docs/explorer.md "Grid").

const rowClass =
  "grid grid-cols-[auto_minmax(0,1fr)_auto] items-center gap-x-2 gap-y-0.5 border-b border-zinc-100 px-2 py-1.5 [contain-intrinsic-size:auto_1.75rem] [content-visibility:auto] hover:bg-zinc-50 has-[a[data-row-link]:focus]:bg-sky-50 sm:[grid-template-columns:var(--grid-cols)] sm:gap-x-3 sm:py-0.5";

/** The grid's track list for this many chosen columns (the message takes what is left). */
export function gridStyle(columnCount: number): CSSProperties {
  const chosen = columnCount ? ` repeat(${columnCount}, minmax(0, 10rem))` : "";
  return { "--grid-cols": `1.25rem 10.5rem 3.25rem${chosen} minmax(0, 1fr)` } as CSSProperties;
}

/** One event; rendered by the server grid and by the live tail alike. */
export function LogRow({
  log,
  zone,
  nowMs,
  columns = [],
  fresh = false,
  highlight,
  termHref,
}: {
  log: LogDto;
  zone: string;
  nowMs: number;
  columns?: readonly GridColumn[];
  fresh?: boolean;
  highlight?: string;
  /** The explorer with a term added to its query; set by the server table (chips are links). */
  termHref?: (term: string) => string | undefined;
}) {
  const badge = changeBadge(log.truncated_fields, log.normalized_fields);
  const firstLine = log.message.length > 400 ? `${log.message.slice(0, 400)}…` : log.message;
  return (
    <GridRow
      logId={log.id}
      projectId={log.project_id}
      zone={zone}
      className={`${rowClass} ${fresh ? "bg-emerald-50" : ""}`}
    >
      <td className="min-w-0 text-xs text-zinc-600">
        <time
          dateTime={log.received_at}
          title={log.received_at}
          className="whitespace-nowrap tabular-nums"
        >
          {formatTime(log.received_at, zone)}
        </time>{" "}
        <span className="whitespace-nowrap text-zinc-500 sm:hidden">
          {relativeTime(log.received_at, nowMs)}
        </span>
      </td>
      <td>
        <LevelBadge level={log.level} />
      </td>
      {columns.map((column) => {
        const text = gridCellText(log, column);
        return (
          <td
            key={column.name}
            data-column={column.name}
            title={text}
            className="col-span-full min-w-0 truncate text-xs text-zinc-700 max-sm:order-2 sm:col-span-1"
          >
            <span className="text-zinc-500 sm:hidden">
              <EscapedText text={column.name} maxEscapes={cell} />:{" "}
            </span>
            {text === undefined ? (
              <span className="text-zinc-400 max-sm:hidden">—</span>
            ) : (
              <EscapedText text={text} maxEscapes={cell} />
            )}
          </td>
        );
      })}
      <td className="col-span-full min-w-0 max-sm:order-1 sm:col-span-1 sm:flex sm:items-center sm:gap-3">
        <Link
          href={`/projects/${log.project_id}/logs/${log.id}`}
          // Not prefetched: a grid of 50 (or the tail's 500) would render every event page ahead.
          prefetch={false}
          data-row-link=""
          className="line-clamp-2 font-mono text-sm text-zinc-900 wrap-anywhere hover:underline focus:bg-sky-100 focus:outline-2 focus:outline-sky-600 sm:block sm:min-w-0 sm:flex-1 sm:truncate"
        >
          <HighlightedText text={firstLine} term={highlight} maxEscapes={cell} />
        </Link>
        <span className="flex flex-wrap gap-x-2 text-xs text-zinc-500 wrap-anywhere sm:max-w-[45%] sm:shrink-0 sm:flex-nowrap sm:overflow-hidden">
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
              className="min-w-0 rounded bg-zinc-200 px-1 text-zinc-700 sm:truncate"
            >
              {badge}
            </span>
          )}
        </span>
      </td>
    </GridRow>
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
  const className = "min-w-0 sm:max-w-[12rem] sm:truncate";
  return href ? (
    <Link
      href={href}
      className={`${className} hover:underline`}
      data-chip={field}
      title={`Add ${field} to the query`}
    >
      {text}
    </Link>
  ) : (
    <span className={className}>{text}</span>
  );
}

/** The table and its parts are blocks: each row lays itself out as a grid (see above). */
export const logTableClass = "block w-full text-sm";
export const logBodyClass = "block";

export function LogTableHead({
  zone,
  columns = [],
  removeColumnHref,
}: {
  zone: string;
  columns?: readonly GridColumn[];
  /** The view without one chosen column (server grid only: its header links remove it). */
  removeColumnHref?: (column: GridColumn) => string;
}) {
  const th = "min-w-0 truncate py-1 font-medium";
  return (
    <thead className="hidden border-b border-zinc-200 bg-zinc-50 text-left text-xs uppercase text-zinc-500 sm:sticky sm:top-0 sm:z-10 sm:block">
      <tr className="grid items-center gap-x-3 px-2 [grid-template-columns:var(--grid-cols)]">
        <th scope="col" className={th}>
          <span className="sr-only">Details</span>
        </th>
        <th scope="col" className={th} title={`Received (${zone})`}>
          Received <span className="normal-case">({zone})</span>
        </th>
        <th scope="col" className={th}>
          Level
        </th>
        {columns.map((column) => (
          <th key={column.name} scope="col" className={`${th} flex gap-1 normal-case`}>
            <span className="min-w-0 truncate" title={column.name}>
              <EscapedText text={column.name} maxEscapes={cell} />
            </span>
            {removeColumnHref && (
              <Link
                href={removeColumnHref(column)}
                aria-label={`Remove column ${column.name}`}
                title="Remove column"
                data-remove-column={column.name}
                className="shrink-0 rounded px-1 hover:bg-zinc-200"
              >
                ×
              </Link>
            )}
          </th>
        ))}
        <th scope="col" className={th}>
          Message
        </th>
      </tr>
    </thead>
  );
}
