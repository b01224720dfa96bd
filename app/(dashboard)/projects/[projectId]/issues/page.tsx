// GET /projects/[projectId]/issues — the project's landing page: its issues (unresolved, last
// seen first by default), filters and sort in the URL, keyset pages, bulk actions for admins.
import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { viewerTime } from "@/app/_ui/viewer-time";
import { canManageProjects } from "@/lib/auth/access";
import { pageProject } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { issueSparklines } from "@/lib/issues/hours";
import { listIssues } from "@/lib/issues/list";
import { readPageOrFirst } from "@/lib/logs/page-or-first";
import { TimeZoneToggle } from "../../../_shell/time-zone-toggle";
import { KeyboardNav } from "../logs/_components/keyboard-nav";
import { BulkBar } from "./_components/bulk-bar";
import { IssueFilterBar } from "./_components/issue-filter-bar";
import { IssueTable } from "./_components/issue-table";
import { IssuesEmptyState } from "./_components/issues-empty-state";
import { bulkChangeIssuesAction } from "./actions";
import {
  firstPageHref,
  issuesHref,
  type PageSearchParams,
  parseIssueListParams,
} from "./search-params";

export const metadata: Metadata = { title: "Issues" };

const pageSize = 25;

export default async function IssuesPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<PageSearchParams>;
}) {
  const { user, project } = await pageProject((await params).projectId);
  const db = await getDb();
  const now = new Date();
  const state = parseIssueListParams(await searchParams, project.id, now);
  const { filters } = state;
  const scope = { projectIds: [project.id] };

  const { page, isCursorRefused } = await readPageOrFirst(
    (cursor) => listIssues(db, scope, filters, { limit: pageSize, cursor }, now),
    state.cursor,
  );
  const error = isCursorRefused
    ? "That page link is no longer valid for these filters; showing the first page."
    : state.error;
  const [sparklines, time] = await Promise.all([
    issueSparklines(
      db,
      page.issues.map((i) => i.id),
      now,
    ),
    viewerTime(),
  ]);
  const base = `/projects/${project.id}/issues`;
  const isDefaultView =
    filters.status === "unresolved" &&
    !filters.level &&
    filters.release === undefined &&
    filters.environment === undefined &&
    filters.q === undefined &&
    filters.since === undefined;
  const isAdmin = canManageProjects(user);
  let empty: React.ReactNode = null;
  if (page.issues.length === 0 && !state.cursor) {
    // No unresolved issue may still mean some resolved or ignored ones: only a project with
    // no issue at all gets the how-to.
    const any = isDefaultView
      ? await listIssues(db, scope, { ...filters, status: "all" }, { limit: 1 }, now)
      : page;
    const h = await headers();
    const origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost"}`;
    empty =
      isDefaultView && any.issues.length === 0 ? (
        <IssuesEmptyState projectId={project.id} origin={origin} />
      ) : (
        <p className="rounded-lg border border-zinc-200 bg-white p-4 text-sm text-zinc-600">
          {isDefaultView ? "No unresolved issues. Nice." : "No issues match these filters."}{" "}
          <Link href={firstPageHref(project.id, state, { status: "all" })} className="underline">
            Show all statuses
          </Link>
        </p>
      );
  }

  return (
    <div className="space-y-3">
      <IssueFilterBar state={state} action={base} />
      {state.cursor && (
        <p className="flex flex-wrap items-center gap-x-3 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900">
          Showing a later page.
          <Link
            href={firstPageHref(project.id, state)}
            className="font-medium underline"
            data-first-page=""
          >
            Back to the first page
          </Link>
        </p>
      )}
      {error && (
        <p
          role="alert"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          {error}
        </p>
      )}
      {empty ?? (
        <KeyboardNav>
          <div className="mb-1 flex flex-wrap items-center justify-between gap-x-4 gap-y-1">
            <TimeZoneToggle time={time} />
            <p className="text-xs text-zinc-500">
              <kbd>/</kbd> to search, <kbd>j</kbd>/<kbd>k</kbd> or arrows to move, <kbd>Enter</kbd>{" "}
              to open.
            </p>
          </div>
          <div className="rounded-lg border border-zinc-200 bg-white">
            {isAdmin && <BulkBar action={bulkChangeIssuesAction.bind(null, project.id)} />}
            <IssueTable
              issues={page.issues}
              sparklines={sparklines}
              zone={time.zone}
              nowMs={now.getTime()}
              selectable={isAdmin}
            />
          </div>
        </KeyboardNav>
      )}
      <nav aria-label="Pages" className="flex gap-3 text-sm">
        {state.cursor && (
          <Link href={firstPageHref(project.id, state)} className="underline">
            ← First page
          </Link>
        )}
        {page.next_cursor && (
          <Link
            href={issuesHref(project.id, filters, { cursor: page.next_cursor })}
            className="underline"
            data-next-page=""
          >
            Next page →
          </Link>
        )}
      </nav>
    </div>
  );
}
