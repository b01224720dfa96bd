import type { z } from "zod";
import { logLevels } from "@/lib/db/schema/logs";
import { type LogFilters, logFiltersSchema } from "@/lib/logs/filters";
import { type GridColumn, gridColumnsParam, parseGridColumns } from "@/lib/logs/grid-columns";
import type { QueryError } from "@/lib/logs/query/ast";
import { parseQuery } from "@/lib/logs/query/parse";

// The explorer's URL is its state: every filter lives in the query string, so a copied link
// reproduces the view. Keys match the read API's, plus `range` (a preset relative to now).

export const rangePresets = {
  "15m": 15 * 60_000,
  "1h": 3_600_000,
  "24h": 86_400_000,
  "7d": 604_800_000,
} as const;
export type RangePreset = keyof typeof rangePresets;
/**
 * Without a range in the URL the explorer reads the last 24 hours, as observability tools do:
 * the chart always draws the query's range (issue 18 §4), and counting all of a large
 * project's events on every first visit would cost seconds. "All time" is `range=all`.
 */
export const defaultRange: RangePreset = "24h";

export type PageSearchParams = Record<string, string | string[] | undefined>;

export interface ExplorerState {
  filters: LogFilters;
  range: RangePreset | "custom" | "all";
  cursor?: string;
  /** A "‹ Newer" link's cursor: the page just newer than a position (lib/logs/list.ts). */
  newer?: string;
  /** The grid's chosen columns (`columns=release,attr.http.status`). */
  columns: GridColumn[];
  /** Why some parameters were ignored, to show above the table. */
  error?: string;
  /** The query text when it does not parse (then `filters.q` is unset and nothing is read). */
  queryText?: string;
  queryError?: QueryError;
}

/** More repeats than there are levels cannot mean anything new. */
const maxRepeatedValues = logLevels.length;

function single(value: string | string[] | undefined): string | undefined {
  // Checkbox groups arrive as repeated keys (`level=warn&level=error`); 10,000 repeats must not
  // become a 50,000-character string to validate (QRY-4).
  return Array.isArray(value) ? value.slice(0, maxRepeatedValues).join(",") : value;
}

/** `2026-01-01T12:00` (what a plain text box tends to get) is read as UTC. */
function withOffset(value: string | undefined): string | undefined {
  if (!value) return value;
  // RFC 3339 needs the seconds: `12:00Z` alone is refused.
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return `${value}:00Z`;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value) ? `${value}Z` : value;
}

export function parseExplorerParams(
  params: PageSearchParams,
  projectId: string,
  now: Date,
): ExplorerState {
  const raw: Record<string, string | undefined> = {};
  for (const key of [
    "level",
    "min_level",
    "q",
    "from",
    "to",
    "environment",
    "release",
    "session_id",
    "user_id",
    "issue",
  ]) {
    raw[key] = single(params[key]);
  }
  const rangeParam = single(params.range);
  const range: ExplorerState["range"] =
    rangeParam && rangeParam in rangePresets
      ? (rangeParam as RangePreset)
      : raw.from || raw.to
        ? "custom"
        : rangeParam === "all"
          ? "all"
          : defaultRange;
  if (range in rangePresets) {
    raw.from = new Date(now.getTime() - rangePresets[range as RangePreset]).toISOString();
    raw.to = undefined;
  } else {
    raw.from = withOffset(raw.from);
    raw.to = withOffset(raw.to);
  }
  const parsed = logFiltersSchema.safeParse({ ...raw, project: projectId });
  const columns = parseGridColumns(single(params.columns));
  const cursor = single(params.cursor)?.slice(0, 512) || undefined;
  const newer = single(params.newer)?.slice(0, 512) || undefined;
  if (parsed.success) {
    const q = parsed.data.q;
    const query = q === undefined ? undefined : parseQuery(q);
    if (query && !query.ok) {
      return {
        filters: { ...parsed.data, q: undefined },
        range,
        columns,
        queryText: q,
        queryError: query.error,
      };
    }
    return { filters: parsed.data, range, columns, cursor, newer };
  }
  return {
    filters: { project: projectId },
    range: "all",
    columns,
    error: `Ignored invalid filters: ${describeIssues(parsed.error)}`,
  };
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "query"}: ${i.message}`).join("; ");
}

/**
 * Query string for this view's links; `extra` overrides (e.g. a cursor). Filters without a
 * time bound say `range=all`: a URL without a range reads the default range instead.
 */
export function explorerHref(
  projectId: string,
  filters: LogFilters,
  extra: Record<string, string | undefined> = {},
): string {
  const params = new URLSearchParams();
  if (filters.from === undefined && filters.to === undefined) params.set("range", "all");
  for (const [k, v] of Object.entries(filters)) {
    if (k === "project" || v === undefined) continue;
    params.set(k, Array.isArray(v) ? v.join(",") : String(v));
  }
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) params.delete(k);
    else params.set(k, v);
  }
  const qs = params.toString();
  return `/projects/${projectId}/logs${qs ? `?${qs}` : ""}`;
}

/**
 * This view's URL: a preset range stays the preset (a "last hour" link stays the last hour,
 * and "Back to the newest" means now), the columns are kept, the cursor dropped; `extra` on top.
 */
export function stateHref(
  projectId: string,
  state: ExplorerState,
  extra: Record<string, string | undefined> = {},
): string {
  return explorerHref(projectId, state.filters, {
    columns: gridColumnsParam(state.columns),
    ...(state.range === "custom" ? {} : { range: state.range, from: undefined, to: undefined }),
    ...extra,
  });
}

/** The view with `q` replaced (a facet or chip click): a new list, so no cursor. */
export function viewWithQuery(projectId: string, state: ExplorerState, q: string): string {
  return stateHref(projectId, { ...state, filters: { ...state.filters, q } });
}

/** The view's parameters without its columns and cursor (the column form carries them). */
export function viewParams(projectId: string, state: ExplorerState): [string, string][] {
  const href = stateHref(projectId, state, { columns: undefined });
  return [...new URLSearchParams(href.split("?")[1] ?? "")];
}
