// GET /projects/[projectId]/issues/[issueId] — one issue: status and its actions, counts,
// first/last seen, charts, tags, one of its events (the newest unless ?event=) with steps
// through the others and the logs of its session around it, and the activity. A missing, foreign or malformed id (or an event that
// is not the issue's) is the 404 page; no loading.tsx above it, so the status is a real 404.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EscapedText } from "@/app/_ui/escaped-text";
import { viewerTime } from "@/app/_ui/viewer-time";
import { canManageProjects } from "@/lib/auth/access";
import { pageProject } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { issueActivity } from "@/lib/issues/activity";
import { issueBreakdowns } from "@/lib/issues/breakdowns";
import { issueEventView } from "@/lib/issues/event-navigation";
import { getIssue } from "@/lib/issues/get";
import { issueTimeline } from "@/lib/issues/hours";
import { sessionContext } from "@/lib/logs/session-context";
import { symbolicateLog } from "@/lib/sourcemaps/read/symbolicate";
import { EventView } from "../../(event)/_event/event-view";
import { SessionLogs } from "../../(event)/_event/session-logs";
import { LevelBadge } from "../../logs/_components/level-badge";
import { StatusBadges } from "../_components/status-badges";
import { changeIssueAction } from "../actions";
import { ActivityList } from "./_components/activity-list";
import { CountChart } from "./_components/count-chart";
import { EventSteps } from "./_components/event-steps";
import { IssueFacts } from "./_components/issue-facts";
import { StatusActions } from "./_components/status-actions";
import { TagBreakdowns } from "./_components/tag-breakdowns";

export const metadata: Metadata = { title: "Issue" };

export default async function IssuePage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string; issueId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { projectId, issueId } = await params;
  const { user, project } = await pageProject(projectId);
  const db = await getDb();
  const now = new Date();
  const issue = await getIssue(db, { projectIds: [project.id] }, issueId, now);
  if (!issue) notFound();
  const wanted = (await searchParams).event;
  const eventId = typeof wanted === "string" ? wanted : undefined;
  const [view, timeline, breakdowns, activity, time] = await Promise.all([
    issueEventView(db, issue, eventId),
    issueTimeline(db, issue.id, now),
    issueBreakdowns(db, issue),
    issueActivity(db, issue.id),
    viewerTime(),
  ]);
  if (!view) notFound();
  const [session, symbolicated] = await Promise.all([
    sessionContext(db, { projectIds: [project.id] }, view.event),
    symbolicateLog(db, view.event),
  ]);
  const base = `/projects/${project.id}/issues/${issue.id}`;
  const nowMs = now.getTime();

  return (
    <article className="space-y-4" data-issue={issue.id}>
      <Link href={`/projects/${project.id}/issues`} className="text-sm underline">
        ← All issues
      </Link>
      <header className="space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <LevelBadge level={issue.level} />
          <StatusBadges issue={issue} />
        </div>
        <h2 className="text-lg font-semibold wrap-anywhere" data-issue-title="">
          <EscapedText text={issue.title} />
        </h2>
        {issue.culprit && (
          <p className="font-mono text-sm text-zinc-600 wrap-anywhere">
            <EscapedText text={issue.culprit} />
          </p>
        )}
      </header>
      {canManageProjects(user) && (
        <StatusActions issue={issue} action={changeIssueAction.bind(null, project.id, issue.id)} />
      )}
      <div className="grid gap-4 lg:grid-cols-[1fr_2fr]">
        <IssueFacts issue={issue} zone={time.zone} nowMs={nowMs} />
        <div className="flex flex-col gap-4 sm:flex-row">
          <CountChart
            title="Last 24 hours"
            buckets={timeline.day}
            zone={time.zone}
            precision="minute"
          />
          <CountChart
            title="Last 14 days"
            buckets={timeline.fortnight}
            zone={time.zone}
            precision="day"
          />
        </div>
      </div>
      <Link
        href={`/projects/${project.id}/logs?issue=${issue.id}`}
        className="inline-block text-sm font-medium underline"
        data-all-events=""
      >
        All {issue.event_count.toLocaleString("en")} events of this issue in the explorer →
      </Link>
      <TagBreakdowns breakdowns={breakdowns} />
      <section
        aria-label="Event"
        className="space-y-4 rounded-lg border border-zinc-300 bg-zinc-50 p-2 sm:p-3"
      >
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-xs font-semibold uppercase text-zinc-500">
            {view.event.id === view.newest ? "Latest event" : "Event"}
          </h2>
          <EventSteps view={view} base={base} />
          <Link
            href={`/projects/${project.id}/logs/${view.event.id}`}
            className="text-sm underline"
            data-event-page=""
          >
            Event page →
          </Link>
        </div>
        <EventView log={view.event} time={time} symbolicated={symbolicated} />
        {session && <SessionLogs context={session} eventId={view.event.id} />}
      </section>
      <ActivityList entries={activity} zone={time.zone} nowMs={nowMs} />
    </article>
  );
}
