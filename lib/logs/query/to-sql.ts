import { type SQL, sql } from "drizzle-orm";
import { levelNumber } from "@/lib/db/schema/logs";
import { parseIssueId } from "@/lib/issues/scope";
import { pgArray } from "../conditions";
import { textSearchCondition } from "../search";
import type { AttrTerm, Comparison, QueryTerm } from "./ast";
import { fieldExpression } from "./columns";
import { hasTargets } from "./fields";

// Terms → WHERE conditions on a `logs` row aliased `l`. Every value from the query is a bound
// parameter; the only text spliced in is a column name from fields.ts or an operator from the
// Comparison union (QRY-1).

const operators: Record<Comparison, SQL> = {
  "=": sql.raw("="),
  ">": sql.raw(">"),
  ">=": sql.raw(">="),
  "<": sql.raw("<"),
  "<=": sql.raw("<="),
};

/** `web@2.*` → `web@2.%` with LIKE's own metacharacters escaped (used with ESCAPE '\'). */
export function wildcardPattern(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*/g, "%");
}

function column(name: string): SQL {
  return sql.raw(`l.${name}`);
}

function attrValue(path: string[]): SQL {
  return sql`(l.attributes #> ARRAY[${sql.join(
    path.map((p) => sql`${p}`),
    sql`, `,
  )}]::text[])`;
}

function attrCondition(term: AttrTerm): SQL {
  const value = attrValue(term.path);
  if (term.op !== "=") {
    // CASE, not AND: Postgres may evaluate the cast before the type test in an AND.
    return sql`(CASE WHEN jsonb_typeof(${value}) = 'number' THEN (${value})::numeric ${operators[term.op]} ${String(term.number)}::numeric END)`;
  }
  if (term.wildcard) {
    return sql`((${value} #>> '{}') LIKE ${wildcardPattern(term.value)} ESCAPE '\\')`;
  }
  const asText = sql`(${value} #>> '{}') = ${term.value}`;
  if (term.number === undefined) return sql`(${asText})`;
  // 42 also matches a stored 42.0 (jsonb keeps the number's spelling).
  return sql`(${asText} OR CASE WHEN jsonb_typeof(${value}) = 'number' THEN (${value})::numeric = ${String(term.number)}::numeric END)`;
}

function positiveCondition(term: QueryTerm): SQL {
  switch (term.kind) {
    case "text":
      return textSearchCondition(term.text);
    case "field": {
      const col = fieldExpression(term.field);
      return term.wildcard
        ? sql`${col} LIKE ${wildcardPattern(term.value)} ESCAPE '\\'`
        : sql`${col} = ${term.value}`;
    }
    case "level":
      return term.op === "="
        ? sql`l.level = ANY(${pgArray(term.levels.map((l) => levelNumber[l]))}::smallint[])`
        : sql`l.level ${operators[term.op]} ${levelNumber[term.levels[0] ?? "info"]}`;
    case "issue": {
      const id = parseIssueId(term.value);
      return id === undefined ? sql`FALSE` : sql`l.issue_id = ${id.toString()}::bigint`;
    }
    case "attr":
      return attrCondition(term);
    case "has": {
      if (typeof term.target === "object") return sql`${attrValue(term.target.attr)} IS NOT NULL`;
      const col = column(hasTargets[term.target]);
      return term.target === "issue"
        ? sql`${col} IS NOT NULL`
        : sql`(${col} IS NOT NULL AND ${col} <> '')`;
    }
  }
}

/** One condition per term; `-term` keeps events where the term is false or unknown (NULL). */
export function termConditions(terms: QueryTerm[]): SQL[] {
  return terms
    .filter((t) => !(t.kind === "text" && t.text === ""))
    .map((t) => (t.negated ? sql`(${positiveCondition(t)}) IS NOT TRUE` : positiveCondition(t)));
}
