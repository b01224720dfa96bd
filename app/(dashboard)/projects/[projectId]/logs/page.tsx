// GET /projects/[projectId]/logs — the explorer: filters, volume chart, table, paging, live tail.
import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { viewerTime } from "@/app/_ui/viewer-time";
import { pageProject } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { logFacets } from "@/lib/logs/facets";
import { filtersToParams } from "@/lib/logs/filters";
import { gridColumnsParam } from "@/lib/logs/grid-columns";
import { type LogPage, listLogs, listNewerLogs } from "@/lib/logs/list";
import { readPageOrFirst } from "@/lib/logs/page-or-first";
import { withTerm } from "@/lib/logs/query/edit";
import { highlightedText } from "@/lib/logs/query/parse";
import { startTail } from "@/lib/logs/tail";
import { listViews } from "@/lib/logs/views/views";
import { logVolume } from "@/lib/logs/volume";
import { TimeZoneToggle } from "../../../_shell/time-zone-toggle";
import { ColumnPicker } from "./_components/column-picker";
import { EmptyState } from "./_components/empty-state";
import { ExportLinks } from "./_components/export-links";
import { FacetAltClick } from "./_components/facet-alt-click";
import { FacetPanel } from "./_components/facet-panel";
import { FilterBar } from "./_components/filter-bar";
import { KeyboardNav } from "./_components/keyboard-nav";
import { LiveTail } from "./_components/live-tail";
import {
  gridStyle,
  LogRow,
  LogTableHead,
  logBodyClass,
  logTableClass,
} from "./_components/log-row";
import { SavedViews } from "./_components/saved-views";
import { VolumeChart } from "./_components/volume-chart";
import {
  defaultRange,
  explorerHref,
  type PageSearchParams,
  parseExplorerParams,
  stateHref,
  viewParams,
  viewWithQuery,
} from "./search-params";

export const metadata: Metadata = { title: "Logs" };

const rangeLabels = {
  "15m": "last 15 minutes",
  "1h": "last hour",
  "24h": "last 24 hours",
  "7d": "last 7 days",
  custom: "selected range",
  all: "all time",
} as const;

const pageSize = 50;

export default async function LogsPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<PageSearchParams>;
}) {
  const { project, user } = await pageProject((await params).projectId);
  const db = await getDb();
  const now = new Date();
  const state = parseExplorerParams(await searchParams, project.id, now);
  const { filters } = state;
  const scope = { projectIds: [project.id] };

  let page: LogPage = { logs: [], next_cursor: null };
  /** Events newer than this page exist: an older page ("Load older" or "‹ Newer" led here). */
  let hasNewer = false;
  let error = state.error;
  // A query that does not parse reads nothing: its error shows under the query bar instead.
  const canRead = state.queryError === undefined;
  if (canRead) {
    const readOlder = (cursor: string | undefined) =>
      listLogs(db, scope, filters, { limit: pageSize, cursor });
    const read = state.newer
      ? await readPageOrFirst(
          (cursor) =>
            cursor
              ? listNewerLogs(db, scope, filters, { limit: pageSize, cursor })
              : readOlder(cursor),
          state.newer,
        )
      : await readPageOrFirst(readOlder, state.cursor);
    page = read.page;
    const newerPage: LogPage & { has_newer?: boolean } = read.page;
    hasNewer =
      !read.isCursorRefused &&
      (state.newer ? newerPage.has_newer === true : state.cursor !== undefined);
    if (read.isCursorRefused) {
      error = "That page link is no longer valid for these filters; showing the newest events.";
    }
  }
  // The chart draws the query's range (all time starts at the first event); it ends at now at
  // the latest, since events are stamped with the server's clock and none lies beyond it.
  const chartTo =
    filters.to && Date.parse(filters.to) < now.getTime() ? filters.to : now.toISOString();
  // The chart is a nicety: a count too slow for the read timeout must not take the table down.
  const volume = canRead
    ? await logVolume(db, scope, { ...filters, to: chartTo }).catch((err: unknown) => {
        if (isDatabaseUnavailable(err)) return null;
        throw err;
      })
    : null;
  // The query's range, like the list; a sample, so a slow count cannot take the table down.
  const facets = canRead
    ? await logFacets(db, scope, filters).catch((err: unknown) => {
        if (isDatabaseUnavailable(err)) return null;
        throw err;
      })
    : null;
  const newest = !hasNewer ? page.logs[0] : undefined;
  const tailCursor = await startTail(
    db,
    scope,
    filters,
    newest ? { receivedAt: newest.received_at, id: newest.id } : undefined,
  );
  // "‹ Newer": the page just above this one, from its first row (a cursor bound to the view).
  const top = page.logs[0];
  const newerCursor =
    hasNewer && top
      ? await startTail(db, scope, filters, { receivedAt: top.received_at, id: top.id })
      : undefined;
  const query = filtersToParams(filters).toString();
  const base = `/projects/${project.id}/logs`;
  const highlight = filters.q === undefined ? undefined : highlightedText(filters.q);
  // A project without any event shows how to send one; the default range alone is no filter.
  const isDefaultView =
    state.range === defaultRange &&
    state.queryError === undefined &&
    Object.entries(filters).every(([k, v]) => k === "project" || k === "from" || v === undefined);
  const isProjectEmpty =
    page.logs.length === 0 &&
    !hasNewer &&
    isDefaultView &&
    (await listLogs(db, scope, { project: project.id }, { limit: 1 })).logs.length === 0;
  const h = await headers();
  const origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost"}`;
  const time = await viewerTime();
  const nowMs = now.getTime();

  // Links that keep the exact window (a cursor is bound to it) still carry the columns.
  const columns = gridColumnsParam(state.columns);
  const attributeKeys =
    facets?.facets.find((f) => f.name === "attributes")?.values.map((v) => v.value) ?? [];

  return (
    // Full width (data-full-width widens the dashboard's main column): a log grid wants it.
    <div className="space-y-3" data-full-width="">
      <FilterBar state={state} action={base} projectId={project.id} />
      <SavedViews
        projectId={project.id}
        views={await listViews(db, project.id)}
        state={state}
        user={user}
      />
      {hasNewer && (
        <p className="flex flex-wrap items-center gap-x-3 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900">
          Showing older events.
          <Link
            href={stateHref(project.id, state)}
            className="font-medium underline"
            data-newest=""
          >
            Back to the newest
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
      <div className="grid gap-3 lg:grid-cols-[15rem_minmax(0,1fr)]">
        {/* After the list on narrow screens, beside it from lg up. */}
        <aside
          aria-label="Facets"
          className="order-last min-w-0 rounded-lg border border-zinc-200 bg-white p-3 lg:order-first lg:self-start"
        >
          {canRead ? (
            <FacetAltClick>
              <FacetPanel
                facets={facets}
                q={filters.q}
                hrefFor={(q) => viewWithQuery(project.id, state, q)}
              />
            </FacetAltClick>
          ) : (
            <p className="text-xs text-zinc-500">Facets show once the query parses.</p>
          )}
        </aside>
        <div className="min-w-0 space-y-3">
          {!canRead ? null : volume ? (
            <VolumeChart
              volume={volume}
              label={rangeLabels[state.range]}
              zone={time.zone}
              rangeHref={(from, to) => explorerHref(project.id, filters, { from, to, columns })}
            />
          ) : (
            <p className="rounded-lg border border-zinc-200 bg-white p-3 text-xs text-zinc-500">
              The volume chart took too long for this range; narrow the time range to see it.
            </p>
          )}
          <div className="flex flex-wrap items-center justify-between gap-2">
            {canRead && (
              <LiveTail
                key={query}
                query={query}
                initialCursor={tailCursor}
                zone={time.zone}
                columns={state.columns}
              />
            )}
            <ColumnPicker
              action={base}
              viewParams={viewParams(project.id, state)}
              columns={state.columns}
              attributeKeys={attributeKeys}
            />
            <ExportLinks query={query} />
          </div>
          {isProjectEmpty ? (
            <EmptyState projectId={project.id} origin={origin} />
          ) : (
            <KeyboardNav>
              <div className="mb-1 flex flex-wrap items-center justify-between gap-x-4 gap-y-1">
                <TimeZoneToggle time={time} />
                <p className="text-xs text-zinc-500">
                  <kbd>/</kbd> to search, <kbd>j</kbd>/<kbd>k</kbd> or arrows to move,{" "}
                  <kbd>Enter</kbd> to open.
                </p>
              </div>
              {/* No sideways scroller: rows wrap instead, so nothing hides past the edge. */}
              <div className="rounded-lg border border-zinc-200 bg-white">
                <table
                  className={logTableClass}
                  style={gridStyle(state.columns.length)}
                  data-log-table=""
                >
                  <LogTableHead
                    zone={time.zone}
                    columns={state.columns}
                    removeColumnHref={(column) =>
                      stateHref(project.id, state, {
                        columns: gridColumnsParam(state.columns.filter((c) => c !== column)),
                      })
                    }
                  />
                  <tbody className={logBodyClass}>
                    {page.logs.map((log) => (
                      <LogRow
                        key={log.id}
                        log={log}
                        zone={time.zone}
                        nowMs={nowMs}
                        columns={state.columns}
                        highlight={highlight}
                        termHref={(term) => {
                          const q = withTerm(filters.q, term);
                          return q === undefined ? undefined : viewWithQuery(project.id, state, q);
                        }}
                      />
                    ))}
                  </tbody>
                </table>
                {page.logs.length === 0 && (
                  <p className="p-4 text-sm text-zinc-600">
                    {!canRead ? (
                      "Fix the query above to see events."
                    ) : isDefaultView ? (
                      <>
                        No events in the last 24 hours.{" "}
                        <Link
                          href={explorerHref(project.id, { project: project.id })}
                          className="underline"
                        >
                          Show all time
                        </Link>
                      </>
                    ) : (
                      "No events match these filters."
                    )}
                  </p>
                )}
              </div>
            </KeyboardNav>
          )}
          {filters.q !== undefined && page.next_cursor && page.logs.length < pageSize && (
            <p className="text-xs text-zinc-500">
              Text search reads one time slice per page; “Load older” searches further back.
            </p>
          )}
          <nav aria-label="Pages" className="flex gap-3 text-sm">
            {hasNewer && (
              <Link href={stateHref(project.id, state)} className="underline" data-jump-now="">
                ⇤ Jump to now
              </Link>
            )}
            {newerCursor && (
              <Link
                href={explorerHref(project.id, filters, { newer: newerCursor, columns })}
                className="underline"
                data-newer=""
              >
                ‹ Newer
              </Link>
            )}
            {page.next_cursor && (
              // Concrete from/to (not a moving "last hour") so the cursor matches the next request.
              <Link
                href={explorerHref(project.id, filters, { cursor: page.next_cursor, columns })}
                className="underline"
                data-load-older=""
              >
                Load older →
              </Link>
            )}
          </nav>
        </div>
      </div>
    </div>
  );
}
