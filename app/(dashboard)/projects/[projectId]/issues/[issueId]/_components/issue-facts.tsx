import { DefinitionRow } from "@/app/_ui/definition-row";
import { EscapedText } from "@/app/_ui/escaped-text";
import { formatTime, relativeTime } from "@/lib/format/time";
import type { IssueDto } from "@/lib/issues/dto";

function Seen({
  iso,
  release,
  zone,
  nowMs,
}: {
  iso: string;
  release: string | null;
  zone: string;
  nowMs: number;
}) {
  return (
    <>
      <time dateTime={iso} title={iso}>
        {formatTime(iso, zone, "minute")}
      </time>{" "}
      <span className="text-zinc-500">({relativeTime(iso, nowMs)})</span>
      {release && (
        <span className="ml-2 text-xs text-zinc-600">
          in <EscapedText text={release} />
        </span>
      )}
    </>
  );
}

/** What the status means now, in words: resolved how, ignored until what. */
function statusWords(issue: IssueDto): string {
  if (issue.status === "resolved") {
    if (issue.resolved_in_release) return `Resolved in release ${issue.resolved_in_release}`;
    if (issue.resolved_in_next_release) return "Resolved in the next release";
    return "Resolved";
  }
  if (issue.status === "ignored") {
    const u = issue.ignore_until;
    if (!u) return "Ignored forever";
    const parts = [
      u.events !== undefined && `${u.events} more events`,
      u.users !== undefined && `${u.users} more users`,
      u.until !== undefined && `until ${u.until}`,
    ].filter(Boolean);
    return `Ignored: ${parts.join(", ")}`;
  }
  return issue.regressed ? "Unresolved (regressed)" : "Unresolved";
}

/** Events, users affected, first and last seen with their releases, status in words. */
export function IssueFacts({
  issue,
  zone,
  nowMs,
}: {
  issue: IssueDto;
  zone: string;
  nowMs: number;
}) {
  return (
    <dl className="rounded-lg border border-zinc-200 bg-white p-3" data-issue-facts="">
      <DefinitionRow look="field" label="Status">
        <span data-status-words="">
          <EscapedText text={statusWords(issue)} />
        </span>
      </DefinitionRow>
      <DefinitionRow look="field" label="Events">
        <span data-event-count={issue.event_count}>{issue.event_count.toLocaleString("en")}</span>
      </DefinitionRow>
      <DefinitionRow look="field" label="Users affected">
        <span data-user-count={issue.user_count}>{issue.user_count.toLocaleString("en")}</span>
      </DefinitionRow>
      <DefinitionRow look="field" label="First seen">
        <Seen iso={issue.first_seen} release={issue.first_release} zone={zone} nowMs={nowMs} />
      </DefinitionRow>
      <DefinitionRow look="field" label="Last seen">
        <Seen iso={issue.last_seen} release={issue.last_release} zone={zone} nowMs={nowMs} />
      </DefinitionRow>
    </dl>
  );
}
