import { z } from "zod";
import { logLevels } from "@/lib/db/schema/logs";
import {
  blankToUndefined,
  firstValues,
  invalidQuery,
  maxSearchLength,
  pageSchema,
  rfc3339,
  shortText,
} from "@/lib/logs/filters";

// The query string of GET /api/v1/issues and the dashboard's issue list (contract "Issues").
// Bounded like the logs API's (threat QRY-4): capped text, a level list no longer than the
// levels, a limit. A key sent several times counts by its first value, as in the logs API.

export const issueSorts = ["last_seen", "first_seen", "events", "users"] as const;
export type IssueSort = (typeof issueSorts)[number];

export const issueStatusFilters = ["unresolved", "resolved", "ignored", "all"] as const;

export const maxIssueLimit = 100;
export const defaultIssueLimit = 25;

const lowerOr = <T extends z.ZodType>(schema: T, fallback: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toLowerCase() || fallback : (v ?? fallback)),
    schema,
  );

export const issueFiltersSchema = z.object({
  // Not checked as a UUID: a malformed id gets the same 404 as a foreign one (AUTH-3).
  project: z.preprocess(blankToUndefined, z.string().max(64).optional()),
  status: lowerOr(z.enum(issueStatusFilters), "unresolved"),
  level: z.preprocess(
    blankToUndefined,
    z
      .string()
      .max(100)
      .transform((s) => [...new Set(s.split(",").map((p) => p.trim().toLowerCase()))].sort())
      .pipe(z.array(z.enum(logLevels)).min(1).max(logLevels.length))
      .optional(),
  ),
  release: shortText,
  environment: shortText,
  q: z.preprocess(blankToUndefined, z.string().max(maxSearchLength).optional()),
  // Issues last seen at or after this time (the dashboard's time range: "seen in the last 24 h").
  since: z.preprocess(blankToUndefined, rfc3339.optional()),
  sort: lowerOr(z.enum(issueSorts), "last_seen"),
});

export type IssueFilters = z.infer<typeof issueFiltersSchema>;
export type IssueFiltersInput = z.input<typeof issueFiltersSchema>;

export const issuePageSchema = pageSchema({
  defaultLimit: defaultIssueLimit,
  maxLimit: maxIssueLimit,
});

export type IssuePage = z.infer<typeof issuePageSchema>;

/** Filters + paging from a query string (first value per key); throws 400 `invalid_request`. */
export function parseIssueQuery(params: URLSearchParams): {
  filters: IssueFilters;
  page: IssuePage;
} {
  const raw = firstValues(params);
  const filters = issueFiltersSchema.safeParse(raw);
  if (!filters.success) throw invalidQuery(filters.error);
  const page = issuePageSchema.safeParse(raw);
  if (!page.success) throw invalidQuery(page.error);
  return { filters: filters.data, page: page.data };
}

/** The filters as query-string pairs (links and shareable URLs); defaults left out. */
export function issueFiltersToParams(filters: IssueFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) {
    if (v === undefined) continue;
    if ((k === "status" && v === "unresolved") || (k === "sort" && v === "last_seen")) continue;
    params.set(k, Array.isArray(v) ? v.join(",") : String(v));
  }
  return params;
}
