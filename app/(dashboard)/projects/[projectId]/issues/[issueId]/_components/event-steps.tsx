import Link from "next/link";
import type { IssueEventView } from "@/lib/issues/event-navigation";

/** Newest / newer / older / oldest within the issue; the current one is not a link. */
export function EventSteps({ view, base }: { view: IssueEventView; base: string }) {
  const id = view.event.id;
  const step = (target: string | undefined, label: string, data: string) =>
    target && target !== id ? (
      <Link href={`${base}?event=${target}`} className="underline" {...{ [`data-${data}`]: "" }}>
        {label}
      </Link>
    ) : (
      <span className="text-zinc-400">{label}</span>
    );
  return (
    <nav aria-label="Events of this issue" className="flex flex-wrap gap-3 text-sm">
      {step(view.newest, "« Newest", "newest")}
      {step(view.newer, "‹ Newer", "newer")}
      {step(view.older, "Older ›", "older")}
      {step(view.oldest, "Oldest »", "oldest")}
    </nav>
  );
}
