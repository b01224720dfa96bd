import Link from "next/link";
import { EscapedText } from "@/app/_ui/escaped-text";
import type { LogDto } from "@/lib/logs/dto";
import { maxEscapesPerCell as cell } from "@/lib/logs/visible-text";
import { HighlightedText } from "./highlighted-text";
import { LevelBadge } from "./level-badge";
import { LocalTime } from "./local-time";

/** One table row; rendered by the server table and by the live tail alike. */
export function LogRow({
  log,
  fresh = false,
  highlight,
}: {
  log: LogDto;
  fresh?: boolean;
  highlight?: string;
}) {
  const changed = [...log.truncated_fields, ...log.normalized_fields];
  const firstLine = log.message.length > 400 ? `${log.message.slice(0, 400)}…` : log.message;
  return (
    <tr
      data-log-id={log.id}
      className={`border-b border-zinc-100 align-top ${fresh ? "bg-emerald-50" : ""}`}
    >
      <td className="px-2 py-1.5 text-xs text-zinc-600">
        <LocalTime iso={log.received_at} />
      </td>
      <td className="px-2 py-1.5">
        <LevelBadge level={log.level} />
      </td>
      <td className="max-w-0 w-full px-2 py-1.5">
        <Link
          href={`/projects/${log.project_id}/logs/${log.id}`}
          data-row-link=""
          className="block truncate font-mono text-sm text-zinc-900 hover:underline focus:bg-sky-100 focus:outline-2 focus:outline-sky-600"
        >
          <HighlightedText text={firstLine} term={highlight} maxEscapes={cell} />
        </Link>
        <div className="flex flex-wrap gap-2 text-xs text-zinc-500">
          {log.environment && (
            <span>
              env: <EscapedText text={log.environment} maxEscapes={cell} />
            </span>
          )}
          {log.release && (
            <span>
              release: <EscapedText text={log.release} maxEscapes={cell} />
            </span>
          )}
          {log.logger && (
            <span>
              logger: <EscapedText text={log.logger} maxEscapes={cell} />
            </span>
          )}
          {changed.length > 0 && (
            <span
              data-truncated=""
              title={`Changed by the server: ${changed.join(", ")}`}
              className="rounded bg-zinc-200 px-1 text-zinc-700"
            >
              ✂ {log.truncated_fields.length > 0 ? "truncated" : "normalised"}
            </span>
          )}
        </div>
      </td>
    </tr>
  );
}

export function LogTableHead() {
  return (
    <thead className="border-b border-zinc-200 bg-zinc-50 text-left text-xs uppercase text-zinc-500">
      <tr>
        {/* table-fixed splits columns evenly unless told: the message takes what is left. */}
        <th scope="col" className="w-36 px-2 py-1.5 font-medium sm:w-56">
          Received
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
