import { z } from "zod";
import { type LogLevel, levelNumber, logLevels } from "@/lib/db/schema/logs";
import { ApiError } from "@/lib/http/errors";
import { eventCaps } from "@/lib/ingest/normalize/limits";
import { maxSearchLength } from "./query/limits";
import { parsedQuery } from "./query/parsed";

// The query string of GET /api/v1/logs (and export/tail): every free-text field is capped so a
// request cannot make us build a huge pattern or a 10,000-element IN list (threat QRY-4).

export { maxSearchLength };
export const maxLimit = 200;
export const defaultLimit = 50;

export const blankToUndefined = (v: unknown) =>
  typeof v === "string" && v.trim() === "" ? undefined : v;

// As long as the stored values they match (release, environment, ids…), and no longer.
export const shortText = z.preprocess(
  blankToUndefined,
  z.string().max(eventCaps.shortChars).optional(),
);

const levelName = z.enum(logLevels);

/** Strict RFC 3339 with an offset; `Date.parse` alone accepts 2024-02-30 (threat V-7). */
export const rfc3339 = z
  .string()
  .max(40)
  .pipe(z.iso.datetime({ offset: true }))
  .transform((value, ctx) => {
    const date = new Date(value);
    const [y, m, d] = value.slice(0, 10).split("-").map(Number);
    const ok =
      Number.isFinite(date.getTime()) &&
      y !== undefined &&
      y >= 1970 &&
      y <= 9999 &&
      // Round-trip the calendar date: 2024-02-30 would silently become 1 March.
      new Date(Date.UTC(y, (m ?? 1) - 1, d)).getUTCDate() === d;
    if (!ok) {
      ctx.addIssue({ code: "custom", message: "not a valid RFC 3339 time" });
      return z.NEVER;
    }
    return date.toISOString();
  });

const levelList = z.preprocess(
  blankToUndefined,
  z
    .string()
    .max(100)
    .transform((s) => [...new Set(s.split(",").map((p) => p.trim().toLowerCase()))])
    .pipe(z.array(levelName).min(1).max(logLevels.length))
    .optional(),
);

export const logFiltersSchema = z
  .object({
    // Not checked as a UUID here: a malformed id gets the same 404 as a foreign one (AUTH-3),
    // and the query layer only ever reads ids that are in the caller's scope.
    project: z.preprocess(blankToUndefined, z.string().max(64).optional()),
    level: levelList,
    min_level: z.preprocess(
      (v) => (typeof v === "string" ? v.trim().toLowerCase() || undefined : v),
      levelName.optional(),
    ),
    q: z.preprocess(blankToUndefined, z.string().max(maxSearchLength).optional()),
    from: z.preprocess(blankToUndefined, rfc3339.optional()),
    to: z.preprocess(blankToUndefined, rfc3339.optional()),
    environment: shortText,
    release: shortText,
    session_id: shortText,
    user_id: shortText,
    // An issue id (decimal); like `project`, a malformed, foreign or unknown id is the same 404
    // (lib/logs/api.ts), and the query layer reads a malformed one as matching nothing.
    issue: z.preprocess(blankToUndefined, z.string().max(32).optional()),
  })
  .refine((f) => !f.from || !f.to || f.from < f.to, {
    message: "`from` must be before `to`",
    path: ["from"],
  });

export type LogFilters = z.infer<typeof logFiltersSchema>;

/** `limit` (its default when absent or empty, 1…max) and an opaque, capped `cursor`. */
export const pageSchema = (limits: { defaultLimit: number; maxLimit: number }) =>
  z.object({
    limit: z.preprocess(
      (v) => (v === undefined || v === "" ? limits.defaultLimit : Number(v)),
      z.number().int().min(1).max(limits.maxLimit),
    ),
    cursor: z.preprocess(blankToUndefined, z.string().max(512).optional()),
  });

export const pageParamsSchema = pageSchema({ defaultLimit, maxLimit });

export type PageParams = z.infer<typeof pageParamsSchema>;

/** The first value of each key (a repeated key counts by its first value). */
export function firstValues(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of params) if (!(k in out)) out[k] = v;
  return out;
}

/** 400 `invalid_request` listing zod's issues by field (query strings of every read API). */
export function invalidQuery(error: z.ZodError): ApiError {
  return new ApiError("invalid_request", "Invalid query parameters.", {
    body: {
      errors: error.issues.slice(0, 20).map((i) => ({
        field: i.path.join("."),
        message: i.message,
      })),
    },
  });
}

/** Parses filters + paging from a URL's query string; throws ApiError("invalid_request"). */
export function parseLogQuery(params: URLSearchParams): { filters: LogFilters; page: PageParams } {
  const raw = firstValues(params);
  const filters = logFiltersSchema.safeParse(raw);
  if (!filters.success) throw invalidQuery(filters.error);
  if (filters.data.q !== undefined) parsedQuery(filters.data.q);
  const page = pageParamsSchema.safeParse(raw);
  if (!page.success) throw invalidQuery(page.error);
  return { filters: filters.data, page: page.data };
}

export function levelNumbers(levels: LogLevel[]): number[] {
  return levels.map((l) => levelNumber[l]);
}

/** The filters as query-string pairs (for links, export URLs and the tail poller). */
export function filtersToParams(filters: LogFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) {
    if (v === undefined) continue;
    params.set(k, Array.isArray(v) ? v.join(",") : String(v));
  }
  return params;
}
