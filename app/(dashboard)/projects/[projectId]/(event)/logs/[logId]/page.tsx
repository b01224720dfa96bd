// GET /projects/[projectId]/logs/[logId] — one event: message, stack, breadcrumbs, attributes,
// context, and the logs of its session around it.
// In the (event) group so that no loading.tsx boundary wraps it: a missing, foreign or
// malformed id must answer a real 404, which streaming would turn into a 200.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { viewerTime } from "@/app/_ui/viewer-time";
import { pageProject } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { getIssue } from "@/lib/issues/get";
import { getLog } from "@/lib/logs/get";
import { neighbours } from "@/lib/logs/neighbours";
import { sessionContext } from "@/lib/logs/session-context";
import { symbolicateLog } from "@/lib/sourcemaps/read/symbolicate";
import { CopyButton } from "../../../../_components/copy-button";
import { EventView } from "../../_event/event-view";
import { IssueLink } from "../../_event/issue-link";
import { SessionLogs } from "../../_event/session-logs";

export const metadata: Metadata = { title: "Log event" };

export default async function LogDetailPage({
  params,
}: {
  params: Promise<{ projectId: string; logId: string }>;
}) {
  const { projectId, logId } = await params;
  const { project } = await pageProject(projectId);
  const db = await getDb();
  const scope = { projectIds: [project.id] };
  const log = await getLog(db, scope, logId);
  if (!log) notFound();
  const [time, near, session, symbolicated, issue] = await Promise.all([
    viewerTime(),
    neighbours(db, scope, log),
    sessionContext(db, scope, log),
    symbolicateLog(db, log),
    log.issue_id ? getIssue(db, scope, log.issue_id) : null,
  ]);
  const logs = `/projects/${project.id}/logs`;

  return (
    <article className="space-y-4">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <Link href={logs} className="text-sm underline">
          ← All logs
        </Link>
        <nav aria-label="Neighbouring events" className="flex gap-2 text-sm">
          {near.newer ? (
            <Link href={`${logs}/${near.newer}`} rel="prev" className="underline" data-newer="">
              ‹ Newer
            </Link>
          ) : (
            <span className="text-zinc-400">‹ Newer</span>
          )}
          {near.older ? (
            <Link href={`${logs}/${near.older}`} rel="next" className="underline" data-older="">
              Older ›
            </Link>
          ) : (
            <span className="text-zinc-400">Older ›</span>
          )}
        </nav>
        <span className="ml-auto">
          <CopyButton text={JSON.stringify(log, null, 2)} label="Copy as JSON" />
        </span>
      </div>
      {issue && <IssueLink issue={issue} eventId={log.id} />}
      <EventView log={log} time={time} symbolicated={symbolicated} />
      {session && <SessionLogs context={session} eventId={log.id} />}
    </article>
  );
}
