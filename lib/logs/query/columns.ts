import { type SQL, sql } from "drizzle-orm";
import { type StringField, stringFields } from "./fields";

// The SQL a string field reads. `path` is the URL's path, cut by a fixed pattern (never one
// from input): scheme://host is dropped, the query and fragment too, an empty path is "/".
// urlPath below cuts it the same way in JS for the facets, so a facet value matches its filter.

export const urlPathPattern = "^(?:[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*)?([^?#]*)";

export function fieldExpression(field: StringField): SQL {
  if (field === "path") {
    return sql.raw(
      `CASE WHEN l.url IS NOT NULL THEN COALESCE(NULLIF(substring(l.url from '${urlPathPattern}'), ''), '/') END`,
    );
  }
  return sql.raw(`l.${stringFields[field]}`);
}

/** The URL's path as `path:` reads it (null without a URL). */
export function urlPath(url: string | null): string | null {
  if (url === null) return null;
  const match = /^(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*)?([^?#]*)/.exec(url);
  return match?.[1] || "/";
}
