import Link from "next/link";
import { EscapedText } from "@/app/_ui/escaped-text";
import { plural } from "@/lib/format/plural";
import type { IssueDto } from "@/lib/issues/dto";
import { maxEscapesPerCell as cell } from "@/lib/logs/visible-text";
import { StatusBadges } from "../../issues/_components/status-badges";

/** The event page's way back to its issue: title, status, how many events and users. */
export function IssueLink({ issue, eventId }: { issue: IssueDto; eventId: string }) {
  return (
    <p className="flex flex-wrap items-center gap-x-2 gap-y-1 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm">
      <span className="text-xs font-semibold uppercase text-red-900">Issue</span>
      <Link
        href={`/projects/${issue.project_id}/issues/${issue.id}?event=${eventId}`}
        className="min-w-0 font-medium underline wrap-anywhere"
        data-issue-link={issue.id}
      >
        <EscapedText text={issue.title} maxEscapes={cell} />
      </Link>
      <StatusBadges issue={issue} />
      <span className="text-xs text-zinc-600">
        {plural(issue.event_count, "event")} · {plural(issue.user_count, "user")}
      </span>
    </p>
  );
}
