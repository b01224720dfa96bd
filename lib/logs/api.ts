import { requireVisibleProject, visibleProjectIds } from "@/lib/auth/access";
import type { Principal } from "@/lib/auth/principal";
import { requireApiPrincipal } from "@/lib/auth/principal";
import { getDb } from "@/lib/db/client";
import type { Db } from "@/lib/db/open";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/http/errors";
import type { RequestContext } from "@/lib/http/request-context";
import { json } from "@/lib/http/respond";
import { readIssueRow } from "@/lib/issues/get";
import { symbolicateLog } from "@/lib/sourcemaps/read/symbolicate";
import { exportLogs } from "./export";
import { type ExportFormat, exportFormats } from "./export-format";
import { exportFilename, exportHeaders } from "./export-headers";
import { type LogFilters, parseLogQuery } from "./filters";
import { getLog } from "./get";
import { listLogs } from "./list";
import type { LogScope } from "./page-query";
import { defaultStreamOptions, openTail, type Tail, tailEventStream } from "./stream";
import { takeStreamSlot } from "./stream-slots";
import { startTail, tailLogs } from "./tail";

// The read API's request handling, shared by the thin route files under app/api/v1/logs.
// Every handler authenticates, then derives the scope from the principal; no query runs
// without it (threats AUTH-3, EXP-4).

/**
 * A `project` filter must be visible (else the same 404 as a missing project); so must an
 * `issue` filter's issue, which narrows the scope to its project.
 */
export async function readScope(
  db: Db,
  principal: Principal,
  filters: LogFilters,
): Promise<{ scope: LogScope; projectName?: string }> {
  let found: { scope: LogScope; projectName?: string };
  if (filters.project) {
    const project = await requireVisibleProject(db, principal, filters.project);
    found = { scope: { projectIds: [project.id] }, projectName: project.name };
  } else {
    found = { scope: { projectIds: await visibleProjectIds(db, principal) } };
  }
  if (filters.issue === undefined) return found;
  const issue = await readIssueRow(db, found.scope, filters.issue);
  if (!issue) throw new ApiError("not_found", "Issue not found.");
  return { ...found, scope: { projectIds: [issue.project_id] } };
}

async function authorize(ctx: RequestContext) {
  const principal = await requireApiPrincipal(ctx.request);
  const db = await getDb();
  const { filters, page } = parseLogQuery(new URL(ctx.request.url).searchParams);
  const { scope, projectName } = await readScope(db, principal, filters);
  return { principal, db, filters, page, scope, projectName };
}

// GET /api/v1/logs
export async function handleListLogs(ctx: RequestContext): Promise<Response> {
  const { db, filters, page, scope } = await authorize(ctx);
  return json(ctx, 200, await listLogs(db, scope, filters, page));
}

// GET /api/v1/logs/{id}
export async function handleGetLog(ctx: RequestContext, id: string): Promise<Response> {
  const principal = await requireApiPrincipal(ctx.request);
  const db = await getDb();
  const log = await getLog(db, { projectIds: await visibleProjectIds(db, principal) }, id);
  if (!log) throw new ApiError("not_found", "Log event not found.");
  // The one answer that carries the stack read with the project's source maps (list answers
  // do not: mapping costs a lookup per event).
  return json(ctx, 200, { ...log, symbolicated_stack: await symbolicateLog(db, log) });
}

// GET /api/v1/logs/tail
export async function handleTailLogs(ctx: RequestContext): Promise<Response> {
  const { db, filters, page, scope } = await authorize(ctx);
  if (!page.cursor) {
    return json(ctx, 200, {
      logs: [],
      cursor: await startTail(db, scope, filters),
      has_more: false,
    });
  }
  return json(ctx, 200, await tailLogs(db, scope, filters, page.cursor));
}

// GET /api/v1/logs/stream — the live tail as server-sent events. The resume point is the
// Last-Event-ID header (an EventSource reconnecting) or `cursor`; without either, from now.
export async function handleStreamLogs(ctx: RequestContext): Promise<Response> {
  const { principal, db, filters, page, scope } = await authorize(ctx);
  const resume = ctx.request.headers.get("last-event-id")?.slice(0, 512) || page.cursor;
  const cursor = resume ?? (await startTail(db, scope, filters));
  const options = {
    ...defaultStreamOptions,
    maxDurationMs: env().LOGWELL_STREAM_MAX_SECONDS * 1000,
  };
  // Each open stream polls the database: their number is bounded (stream-slots.ts).
  const release = takeStreamSlot(`${principal.kind}:${principal.id}`);
  let tail: Tail;
  try {
    // Opened before answering, so a bad cursor is a 400, not a broken stream.
    tail = await openTail(db, scope, filters, cursor, options);
  } catch (err) {
    release();
    throw err;
  }
  return new Response(tailEventStream(tail, ctx.request.signal, options, release), {
    status: 200,
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform: the server's compression would otherwise buffer the stream.
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
      "x-request-id": ctx.requestId,
    },
  });
}

function parseFormat(value: string | null): ExportFormat {
  const format = (value ?? "csv").toLowerCase();
  if (!(exportFormats as readonly string[]).includes(format)) {
    throw new ApiError("invalid_request", "`format` must be csv, ndjson or json.");
  }
  return format as ExportFormat;
}

// GET /api/v1/logs/export
export async function handleExportLogs(ctx: RequestContext): Promise<Response> {
  const format = parseFormat(new URL(ctx.request.url).searchParams.get("format"));
  const { principal, db, filters, page, scope, projectName } = await authorize(ctx);
  const stream = await exportLogs(db, scope, filters, {
    format,
    cursor: page.cursor,
    recheckScope: () => visibleProjectIds(db, principal),
  });
  const filename = exportFilename(projectName ?? "all-projects", format, new Date());
  const headers = new Headers(exportHeaders(format, filename));
  headers.set("x-request-id", ctx.requestId);
  return new Response(stream, { status: 200, headers });
}
