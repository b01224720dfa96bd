import { EscapedText } from "@/app/_ui/escaped-text";
import { formatTime, relativeTime } from "@/lib/format/time";
import type { ActivityEntry } from "@/lib/issues/activity";

function what(entry: ActivityEntry): string {
  const d = entry.details ?? {};
  switch (entry.action) {
    case "resolved":
      if (typeof d.in_release === "string") return `resolved in release ${d.in_release}`;
      if (d.in_next_release) return "resolved in the next release";
      return "resolved";
    case "ignored": {
      const until = (d.until ?? null) as { events?: number; users?: number; until?: string } | null;
      if (!until) return "ignored";
      const parts = [
        until.events !== undefined && `${until.events} more events`,
        until.users !== undefined && `${until.users} more users`,
        until.until !== undefined && `until ${until.until}`,
      ].filter(Boolean);
      return `ignored (${parts.join(", ")})`;
    }
    case "unresolved":
      return "unresolved";
    case "regressed":
      return "regressed: an event arrived after the resolution";
    case "ignore_ended":
      return "ignore ended: its condition was met";
  }
}

/** Every status change, newest first: when, who, what. */
export function ActivityList({
  entries,
  zone,
  nowMs,
}: {
  entries: ActivityEntry[];
  zone: string;
  nowMs: number;
}) {
  return (
    <section aria-label="Activity" className="rounded-lg border border-zinc-200 bg-white p-3">
      <h2 className="mb-2 text-xs font-semibold uppercase text-zinc-500">Activity</h2>
      {entries.length === 0 ? (
        <p className="text-sm text-zinc-400">No status changes yet.</p>
      ) : (
        <ol className="space-y-1.5 text-sm" data-activity="">
          {entries.map((entry) => (
            <li
              key={entry.id}
              data-activity-action={entry.action}
              className="flex flex-wrap gap-x-2"
            >
              <time
                dateTime={entry.at}
                title={formatTime(entry.at, zone)}
                className="text-xs text-zinc-500"
              >
                {relativeTime(entry.at, nowMs)}
              </time>
              <span className="min-w-0 wrap-anywhere">
                <span className="font-medium">
                  <EscapedText text={entry.by} />
                </span>{" "}
                <EscapedText text={what(entry)} />
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
