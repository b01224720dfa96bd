import Link from "next/link";
import { EscapedText } from "@/app/_ui/escaped-text";
import { formatTime, relativeTime } from "@/lib/format/time";
import type { IssueDto } from "@/lib/issues/dto";
import { maxEscapesPerCell as cell } from "@/lib/logs/visible-text";
import { LevelBadge } from "../../logs/_components/level-badge";
import { Sparkline } from "./sparkline";
import { StatusBadges } from "./status-badges";

const th = "px-2 py-1.5 font-medium";
const num = (n: number) => n.toLocaleString("en");

function Seen({ iso, zone, nowMs }: { iso: string; zone: string; nowMs: number }) {
  return (
    <time dateTime={iso} title={formatTime(iso, zone)} className="whitespace-nowrap">
      {relativeTime(iso, nowMs)}
    </time>
  );
}

/**
 * One row per issue: title and culprit (the link; j/k move between them), level, events,
 * users, the last 24 hours, first and last seen, release. With `selectable` (admins) each row
 * has a checkbox named `id` for the bulk form around the table. Below `sm` rows are cards.
 */
export function IssueTable({
  issues,
  sparklines,
  zone,
  nowMs,
  selectable,
}: {
  issues: IssueDto[];
  sparklines: Map<string, number[]>;
  zone: string;
  nowMs: number;
  selectable: boolean;
}) {
  return (
    <table className="block w-full text-sm sm:table sm:table-fixed" data-issue-table="">
      <thead className="hidden border-b border-zinc-200 bg-zinc-50 text-left text-xs uppercase text-zinc-500 sm:table-header-group">
        <tr>
          {selectable && (
            <th scope="col" className="w-8 px-2 py-1.5">
              <span className="sr-only">Select</span>
            </th>
          )}
          <th scope="col" className={th}>
            Issue
          </th>
          <th scope="col" className={`w-16 ${th}`}>
            Level
          </th>
          <th scope="col" className={`w-20 text-right ${th}`}>
            Events
          </th>
          <th scope="col" className={`w-16 text-right ${th}`}>
            Users
          </th>
          <th scope="col" className={`hidden w-28 lg:table-cell ${th}`}>
            24 h
          </th>
          <th scope="col" className={`w-28 ${th}`}>
            Seen
          </th>
          <th scope="col" className={`hidden w-28 md:table-cell ${th}`}>
            Release
          </th>
        </tr>
      </thead>
      <tbody className="block sm:table-row-group">
        {issues.map((issue) => (
          <tr
            key={issue.id}
            data-issue-id={issue.id}
            className={`grid ${selectable ? "grid-cols-[auto_1fr]" : "grid-cols-1"} gap-x-2 gap-y-1 border-b border-zinc-100 px-2 py-2 align-top sm:table-row sm:p-0`}
          >
            {selectable && (
              <td className="sm:px-2 sm:py-2">
                <input
                  type="checkbox"
                  name="id"
                  value={issue.id}
                  form="issue-bulk"
                  aria-label="Select issue"
                  data-select-issue=""
                />
              </td>
            )}
            <td className="min-w-0 sm:w-full sm:max-w-0 sm:px-2 sm:py-2">
              <Link
                href={`/projects/${issue.project_id}/issues/${issue.id}`}
                data-row-link=""
                className="line-clamp-2 font-medium text-zinc-900 wrap-anywhere hover:underline focus:bg-sky-100 focus:outline-2 focus:outline-sky-600"
              >
                <EscapedText text={issue.title} maxEscapes={cell} />
              </Link>
              <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-zinc-500 wrap-anywhere">
                {issue.culprit && (
                  <span className="min-w-0 font-mono" data-culprit="">
                    <EscapedText text={issue.culprit} maxEscapes={cell} />
                  </span>
                )}
                <StatusBadges issue={issue} />
              </div>
            </td>
            <td className="col-span-full flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-zinc-600 sm:hidden">
              <LevelBadge level={issue.level} />
              <span>{num(issue.event_count)} events</span>
              <span>{num(issue.user_count)} users</span>
              <span>
                last <Seen iso={issue.last_seen} zone={zone} nowMs={nowMs} />
              </span>
            </td>
            <td className="hidden sm:table-cell sm:px-2 sm:py-2">
              <LevelBadge level={issue.level} />
            </td>
            <td
              className="hidden text-right tabular-nums sm:table-cell sm:px-2 sm:py-2"
              data-event-count={issue.event_count}
            >
              {num(issue.event_count)}
            </td>
            <td
              className="hidden text-right tabular-nums sm:table-cell sm:px-2 sm:py-2"
              data-user-count={issue.user_count}
            >
              {num(issue.user_count)}
            </td>
            <td className="hidden lg:table-cell lg:px-2 lg:py-2">
              <Sparkline counts={sparklines.get(issue.id) ?? []} />
            </td>
            <td className="hidden text-xs text-zinc-600 sm:table-cell sm:px-2 sm:py-2">
              <span className="block">
                last <Seen iso={issue.last_seen} zone={zone} nowMs={nowMs} />
              </span>
              <span className="block text-zinc-400">
                first <Seen iso={issue.first_seen} zone={zone} nowMs={nowMs} />
              </span>
            </td>
            <td className="hidden text-xs text-zinc-600 wrap-anywhere md:table-cell md:px-2 md:py-2">
              {issue.last_release ? (
                <span
                  title={issue.first_release ? `first seen in ${issue.first_release}` : undefined}
                >
                  <EscapedText text={issue.last_release} maxEscapes={cell} />
                </span>
              ) : (
                <span className="text-zinc-400">—</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
