import { ApiError } from "@/lib/http/errors";
import type { QueryError, QueryTerm } from "./ast";
import { parseQuery } from "./parse";

/** 400 `invalid_request` naming where and why `q` does not parse. */
export function invalidQueryText(error: QueryError): ApiError {
  return new ApiError("invalid_request", `Invalid query: ${error.message}.`, {
    body: { errors: [{ field: "q", message: error.message, position: error.position }] },
  });
}

/** The terms of `q`, or the 400 a read API answers for a query that does not parse. */
export function parsedQuery(q: string): QueryTerm[] {
  const result = parseQuery(q);
  if (!result.ok) throw invalidQueryText(result.error);
  return result.terms;
}
