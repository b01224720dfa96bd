import { parse } from "csv-parse/sync";

/**
 * Reads a CSV file the way strict consumers do: csv-parse with every relaxation off, and CR, LF
 * and CRLF all ending a record outside quotes, as in Excel and Python's `csv`. A hand-written
 * reader that split on CRLF only accepted a bare LF inside an unquoted cell, so exports of every
 * event with a stack looked fine to the tests and broke in spreadsheets (issue 17, item 1).
 */
export function parseCsvStrict(text: string): string[][] {
  return parse(text, {
    record_delimiter: ["\r\n", "\n", "\r"],
    relax_quotes: false,
    relax_column_count: false,
    skip_empty_lines: false,
    skip_records_with_error: false,
    skip_records_with_empty_values: false,
    trim: false,
    ltrim: false,
    rtrim: false,
    bom: false,
    cast: false,
  });
}
