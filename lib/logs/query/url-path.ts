// A URL's path as `path:` reads it: scheme://host is dropped, the query and fragment too, an
// empty path is "/". The pattern is fixed (never one from input); columns.ts cuts it the same
// way in SQL, so a facet value or grid cell matches its filter. No database import: the grid's
// client rows use it too.

export const urlPathPattern = "^(?:[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*)?([^?#]*)";
const urlPathRegExp = new RegExp(urlPathPattern);

/** The URL's path as `path:` reads it (null without a URL). */
export function urlPath(url: string | null): string | null {
  if (url === null) return null;
  return urlPathRegExp.exec(url)?.[1] || "/";
}
