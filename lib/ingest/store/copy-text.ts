import { getTableName } from "drizzle-orm";
import { logs } from "@/lib/db/schema/logs";
import type { NormalizedEvent } from "@/lib/ingest/normalize/schema";
import { logWriteColumns } from "./log-columns";
import { type LogWriteColumn, quotedName, type RequestFacts } from "./write-column";

// A batch as COPY text-format rows (https://www.postgresql.org/docs/15/sql-copy.html): columns
// separated by tabs, rows by newlines, NULL as \N. Backslash, tab, newline and CR are the only
// bytes the format gives meaning to, so escaping those four is the whole injection boundary
// (NUL never gets here: normalisation replaces it, threat ENC-1). Client strings are hostile;
// the store test round-trips hostile batches through this on the server Postgres (TC-02).
// Statement and rows are generated from one column list (log-columns.ts), so they cannot
// disagree on the order.

// One includes() and, when found, one replaceAll() per special byte, backslash first (the others'
// escapes add backslashes): faster than one regex with a replacer function called per match, on
// the fields that hold some (a stack; attributes' JSON, where a stack's newlines are \n).
function field(value: string | null): string {
  if (value === null) return "\\N";
  let out = value;
  if (out.includes("\\")) out = out.replaceAll("\\", "\\\\");
  if (out.includes("\n")) out = out.replaceAll("\n", "\\n");
  if (out.includes("\t")) out = out.replaceAll("\t", "\\t");
  if (out.includes("\r")) out = out.replaceAll("\r", "\\r");
  return out;
}

export interface CopyWriter {
  statement: string;
  text(facts: RequestFacts, events: readonly NormalizedEvent[]): string;
}

type EventText = (e: NormalizedEvent) => string | null;

export function copyWriter(table: string, columns: readonly LogWriteColumn[]): CopyWriter {
  const names = columns.map((c) => quotedName(c.name)).join(", ");
  const perEvent = columns.filter((c) => c.eventText);
  const eventText = perEvent.map((c) => c.eventText as EventText);
  // Numbers hold none of the four special bytes: the escape test would cost a regex run.
  const isPlain = perEvent.map((c) => c.isNumber);
  return {
    statement: `copy ${quotedName(table)} (${names}) from stdin`,
    text(facts, events) {
      const { between, nulls } = requestLayout(columns, facts);
      const first = between[0] as string;
      const width = eventText.length;
      let out = "";
      // Per row, only the per-event fields are made: no object, no closure.
      for (let i = 0; i < events.length; i++) {
        const e = events[i] as NormalizedEvent;
        out += first;
        for (let j = 0; j < width; j++) {
          const value = (eventText[j] as EventText)(e);
          out += value === null ? (nulls[j] as string) : isPlain[j] ? value : field(value);
          out += between[j + 1];
        }
      }
      return out;
    },
  };
}

/**
 * The request's values are the same on every line: escaped once and joined, with the tabs
 * around them, into `between[j]`, the constant text before per-event field j (the last entry
 * ends the line). `nulls[j]` is what field j holds when the event gives null: the request's
 * value where the column has one (the user agent), else NULL.
 */
function requestLayout(columns: readonly LogWriteColumn[], facts: RequestFacts) {
  const between: string[] = [];
  const nulls: string[] = [];
  let run = "";
  for (const [i, c] of columns.entries()) {
    if (i > 0) run += "\t";
    const requestValue = c.requestText ? field(c.requestText(facts)) : "\\N";
    if (c.eventText) {
      between.push(run);
      nulls.push(requestValue);
      run = "";
    } else run += requestValue;
  }
  between.push(`${run}\n`);
  return { between, nulls };
}

const logsCopy = copyWriter(getTableName(logs), logWriteColumns);

export const copyLogsStatement = logsCopy.statement;
export const copyText = logsCopy.text;
