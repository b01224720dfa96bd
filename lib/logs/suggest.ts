import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { fieldExpression } from "./query/columns";
import { attrPrefix, isStringField, maxAttrDepth } from "./query/fields";
import { wildcardPattern } from "./query/to-sql";
import { withReadTimeout } from "./read-transaction";

// Autocomplete for the query bar: the most common values (or attribute keys) among a
// project's newest events. Bounded whatever the project's size: one walk of the newest
// `sampleSize` rows on logs_project_received_idx, then a GROUP BY over that sample.

export const suggestSampleSize = 2_000;
const maxSuggestions = 10;

export interface Suggestion {
  value: string;
  count: number;
}

function newest(projectId: string, select: SQL): SQL {
  return sql`SELECT ${select} FROM logs l WHERE l.project_id = ${projectId}::uuid
    ORDER BY l.received_at DESC NULLS LAST, l.id DESC NULLS LAST LIMIT ${suggestSampleSize}`;
}

function prefixPattern(prefix: string): string {
  return `${wildcardPattern(prefix.replaceAll("*", ""))}%`;
}

/**
 * Values for `field` starting with `prefix`: a string field (`release`), an attribute's
 * values (`attr.http.status`), or attribute keys under a path (`attr.` / `attr.http.`, asked
 * as field `attr.http.` with the key prefix). Unknown fields have no suggestions.
 */
export async function suggestValues(
  db: Db,
  projectId: string,
  field: string,
  prefix: string,
): Promise<Suggestion[]> {
  const name = field.toLowerCase();
  let select: SQL | undefined;
  if (isStringField(name)) {
    select = sql`${fieldExpression(name)} AS v`;
  } else if (name.startsWith(attrPrefix)) {
    const keysOnly = field.endsWith(".");
    const path = field.slice(attrPrefix.length).split(".").filter(Boolean).slice(0, maxAttrDepth);
    const at = path.length
      ? sql`l.attributes #> ARRAY[${sql.join(
          path.map((p) => sql`${p}`),
          sql`, `,
        )}]::text[]`
      : sql`l.attributes`;
    if (keysOnly) {
      const rows = await withReadTimeout(db, (tx) =>
        queryRows<{ v: string; n: number }>(
          tx,
          sql`SELECT k AS v, count(*)::int AS n
              FROM (${newest(projectId, sql`${at} AS a`)}) s,
                   LATERAL jsonb_object_keys(CASE WHEN jsonb_typeof(s.a) = 'object' THEN s.a END) k
              WHERE k LIKE ${prefixPattern(prefix)} ESCAPE '\\'
              GROUP BY k ORDER BY n DESC, k LIMIT ${maxSuggestions}`,
        ),
      );
      return rows.map((r) => ({ value: r.v, count: r.n }));
    }
    select = sql`(${at}) #>> '{}' AS v`;
  }
  if (!select) return [];
  const rows = await withReadTimeout(db, (tx) =>
    queryRows<{ v: string; n: number }>(
      tx,
      sql`SELECT v, count(*)::int AS n FROM (${newest(projectId, select as SQL)}) s
          WHERE v IS NOT NULL AND v <> '' AND length(v) <= 200 AND v LIKE ${prefixPattern(prefix)} ESCAPE '\\'
          GROUP BY v ORDER BY n DESC, v LIMIT ${maxSuggestions}`,
    ),
  );
  return rows.map((r) => ({ value: r.v, count: r.n }));
}
