import type { z } from "zod";
import { logLevels } from "@/lib/db/schema/logs";
import { type IssueFilters, issueFiltersSchema, issueFiltersToParams } from "@/lib/issues/filters";

// The issue list's URL is its state, like the explorer's: status, level, release, environment,
// text, sort and the page cursor live in the query string (the read API's keys), so a copied
// link reproduces the view. Defaults (unresolved, last seen) are left out of links. The time
// range is a preset relative to now (`range=24h`: last seen in the last 24 hours), made the
// concrete `since` of the API; a next-page link carries that `since` rather than the preset,
// because its cursor is bound to the filters it was issued for.

export const rangePresets = {
  "1h": 3_600_000,
  "24h": 86_400_000,
  "7d": 7 * 86_400_000,
  "14d": 14 * 86_400_000,
  "30d": 30 * 86_400_000,
} as const;
export type RangePreset = keyof typeof rangePresets;

export type PageSearchParams = Record<string, string | string[] | undefined>;

export interface IssueListState {
  filters: IssueFilters;
  /** A preset, a concrete `since` from a link ("custom"), or none. */
  range: RangePreset | "custom" | "all";
  cursor?: string;
  /** Why some parameters were ignored, to show above the list. */
  error?: string;
}

function single(value: string | string[] | undefined): string | undefined {
  // Checkbox groups arrive as repeated keys; thousands of repeats must not become one huge
  // string to validate (QRY-4).
  return Array.isArray(value) ? value.slice(0, logLevels.length).join(",") : value;
}

const keys = ["status", "level", "release", "environment", "q", "sort", "since"] as const;

export function parseIssueListParams(
  params: PageSearchParams,
  projectId: string,
  now: Date,
): IssueListState {
  const raw: Record<string, string | undefined> = { project: projectId };
  for (const key of keys) raw[key] = single(params[key]);
  const preset = single(params.range);
  const range: IssueListState["range"] =
    preset && preset in rangePresets
      ? (preset as RangePreset)
      : raw.since && preset !== "all"
        ? "custom"
        : "all";
  if (range in rangePresets) {
    raw.since = new Date(now.getTime() - rangePresets[range as RangePreset]).toISOString();
  } else if (preset === "all") {
    raw.since = undefined; // "Any time" chosen over a link's concrete since
  }
  const cursor = single(params.cursor)?.slice(0, 512) || undefined;
  const parsed = issueFiltersSchema.safeParse(raw);
  if (parsed.success) return { filters: parsed.data, range, cursor };
  return {
    filters: issueFiltersSchema.parse({ project: projectId }),
    range: "all",
    error: `Ignored invalid filters: ${describeIssues(parsed.error)}`,
  };
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "query"}: ${i.message}`).join("; ");
}

/** The first page of this view: a preset range stays a preset (it moves with now). */
export function firstPageHref(
  projectId: string,
  state: Pick<IssueListState, "filters" | "range">,
  extra: Record<string, string | undefined> = {},
): string {
  if (state.range === "custom" || state.range === "all")
    return issuesHref(projectId, state.filters, extra);
  return issuesHref(
    projectId,
    { ...state.filters, since: undefined },
    { range: state.range, ...extra },
  );
}

/** This view's link with its concrete filters; `extra` overrides (a cursor, another sort). */
export function issuesHref(
  projectId: string,
  filters: IssueFilters,
  extra: Record<string, string | undefined> = {},
): string {
  const params = issueFiltersToParams(filters);
  params.delete("project");
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) params.delete(k);
    else params.set(k, v);
  }
  const qs = params.toString();
  return `/projects/${projectId}/issues${qs ? `?${qs}` : ""}`;
}
