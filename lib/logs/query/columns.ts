import { type SQL, sql } from "drizzle-orm";
import { type StringField, stringFields } from "./fields";
import { urlPathPattern } from "./url-path";

// The SQL a string field reads. `path` is the URL's path, cut by the fixed pattern of
// url-path.ts, which urlPath applies the same way in JS for the facets and the grid.

export function fieldExpression(field: StringField): SQL {
  if (field === "path") {
    return sql.raw(
      `CASE WHEN l.url IS NOT NULL THEN COALESCE(NULLIF(substring(l.url from '${urlPathPattern}'), ''), '/') END`,
    );
  }
  return sql.raw(`l.${stringFields[field]}`);
}
