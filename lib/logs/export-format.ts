import { stringify } from "csv-stringify/sync";
import type { LogDto } from "./dto";

// Encoders for one page of an export. Exports are opened in spreadsheets and browsers, so log
// content is treated as hostile here too (threats EXP-1, EXP-2).

export const exportFormats = ["csv", "ndjson", "json"] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const exportContentTypes: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  ndjson: "application/x-ndjson; charset=utf-8",
  json: "application/json; charset=utf-8",
};

export const csvColumns = [
  "id",
  "received_at",
  "level",
  "message",
  "logger",
  "url",
  "stack",
  "release",
  "environment",
  "session_id",
  "user_id",
  "trace_id",
  "event_id",
  "timestamp",
  "project_id",
  "user_agent",
  "client_ip",
  "country",
  "request_id",
  "attributes",
  "truncated_fields",
  "normalized_fields",
  "issue_id",
] as const satisfies readonly (keyof LogDto)[];

const formulaTriggers = new Set(["=", "+", "-", "@", "\t", "\r", "\n"]);

/**
 * Spreadsheets evaluate `=`, `+`, `-`, `@` (and TAB/CR tricks) at the start of a cell, and
 * some also after leading spaces, which csv-stringify's escape_formulas does not cover
 * (threat V-16). Such cells get a leading `'`, making them text. A cell that already starts
 * with `'` gets one too, so a reader can always drop exactly one leading `'` and get the value
 * back: otherwise `'=x` and the escaped `=x` would export alike.
 */
export function neutralizeCell(value: string): string {
  const first = value.trimStart().charAt(0) || value.charAt(0);
  const needsQuote =
    formulaTriggers.has(first) || formulaTriggers.has(value.charAt(0)) || value.startsWith("'");
  return needsQuote ? `'${value}` : value;
}

function csvCell(value: LogDto[keyof LogDto]): string {
  if (value === null) return "";
  if (Array.isArray(value)) return neutralizeCell(value.join(";"));
  if (typeof value === "object") return neutralizeCell(JSON.stringify(value));
  return neutralizeCell(String(value));
}

const csvOptions = {
  record_delimiter: "windows",
  // csv-stringify quotes only cells holding its own delimiter (CRLF), so a bare LF or CR (every
  // stack trace) split a record in two for Excel and Python's csv; U+2028/U+2029 end lines in
  // other tools.
  quoted_match: /[\r\n\u2028\u2029]/,
  // Kept on as a second line of defence behind neutralizeCell.
  escape_formulas: true,
} as const;

export function csvHeader(): string {
  return stringify([[...csvColumns]], csvOptions);
}

export function csvRows(logs: LogDto[]): string {
  if (logs.length === 0) return "";
  return stringify(
    logs.map((log) => csvColumns.map((c) => csvCell(log[c]))),
    csvOptions,
  );
}

/** The last CSV row when the row cap stopped the export: the `id` cell says so. */
export function csvTruncationRow(note: string): string {
  const row = csvColumns.map((c) => (c === "id" ? "#truncated" : c === "message" ? note : ""));
  return stringify([row], csvOptions);
}

/**
 * JSON.stringify leaves U+2028/U+2029 raw; readers that split lines on them (Python's
 * splitlines(), many log tools) would cut an NDJSON record. Escaped, the JSON is unchanged.
 */
function jsonLine(log: LogDto): string {
  return JSON.stringify(log).replace(/[\u2028\u2029]/g, (c) =>
    c === "\u2028" ? "\\u2028" : "\\u2029",
  );
}

export function ndjsonRows(logs: LogDto[]): string {
  return logs.map((log) => `${jsonLine(log)}\n`).join("");
}

/** JSON pieces: `{"logs":[` row, row, … `],"truncated":…}`. */
export function jsonRows(logs: LogDto[], first: boolean): string {
  return logs.map((log, i) => (first && i === 0 ? "" : ",") + jsonLine(log)).join("");
}
