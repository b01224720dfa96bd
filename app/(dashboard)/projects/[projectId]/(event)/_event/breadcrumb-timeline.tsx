import { EscapedText } from "@/app/_ui/escaped-text";
import { formatTime } from "@/lib/format/time";
import type { BreadcrumbEntry } from "@/lib/logs/breadcrumbs";
import { maxEscapesPerCell as cell } from "@/lib/logs/visible-text";

const levelTone: Record<string, string> = {
  fatal: "text-fuchsia-800",
  error: "text-red-700",
  warn: "text-amber-800",
};

/**
 * What happened before the error, oldest first: time (in the viewer's zone, with the offset
 * from the event), category, message, level. Every value is the client's text, shown as text.
 */
export function BreadcrumbTimeline({
  crumbs,
  zone,
  eventTime,
}: {
  crumbs: BreadcrumbEntry[];
  zone: string;
  /** The event's client time (else received time): each crumb says how long before it was. */
  eventTime: string;
}) {
  const eventMs = Date.parse(eventTime);
  return (
    <ol data-breadcrumbs="" className="divide-y divide-zinc-100 text-sm">
      {crumbs.map((crumb, i) => {
        const before = crumb.time ? (eventMs - Date.parse(crumb.time)) / 1000 : null;
        return (
          <li
            // Crumbs have no id and may repeat exactly; their place in the list is theirs.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            key={i}
            data-breadcrumb=""
            className="grid grid-cols-[auto_1fr] gap-x-3 py-1 sm:grid-cols-[11rem_7rem_1fr]"
          >
            <span className="text-xs text-zinc-500">
              {crumb.time ? (
                <time dateTime={crumb.time} title={crumb.time}>
                  {formatTime(crumb.time, zone).slice(11)}
                </time>
              ) : (
                "—"
              )}
              {before !== null && Number.isFinite(before) && (
                <span className="ml-1 text-zinc-400">
                  ({before >= 0 ? "−" : "+"}
                  {Math.abs(before).toFixed(1)} s)
                </span>
              )}
            </span>
            <span className="truncate font-mono text-xs text-zinc-600" data-crumb-category="">
              {crumb.category ? <EscapedText text={crumb.category} maxEscapes={cell} /> : "—"}
            </span>
            <span
              className={`col-span-2 min-w-0 font-mono text-xs wrap-anywhere sm:col-span-1 ${crumb.level ? (levelTone[crumb.level] ?? "") : ""}`}
              data-crumb-level={crumb.level ?? ""}
            >
              {crumb.level && crumb.level !== "info" && (
                <span className="mr-1 font-semibold uppercase">{crumb.level}</span>
              )}
              <EscapedText text={crumb.message} maxEscapes={cell} />
            </span>
          </li>
        );
      })}
    </ol>
  );
}
