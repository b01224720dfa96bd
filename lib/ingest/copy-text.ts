import { levelNumber } from "@/lib/db/schema";
import { nestedTextArray } from "./pg-array";
import type { NormalizedEvent } from "./schema";
import type { RequestFacts } from "./store";

// A batch as COPY text-format rows (https://www.postgresql.org/docs/15/sql-copy.html): columns
// separated by tabs, rows by newlines, NULL as \N. Backslash, tab, newline and CR are the only
// bytes the format gives meaning to, so escaping those four is the whole injection boundary
// (NUL never gets here: normalisation replaces it, threat ENC-1). Client strings are hostile;
// the store test round-trips hostile batches through this on the server Postgres (TC-02).

/** The `logs` columns each line fills, in order. */
const copyColumns = [
  "project_id",
  "client_id",
  "received_at",
  '"timestamp"',
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
  "attributes",
  "user_agent",
  "client_ip",
  "country",
  "request_id",
  "truncated_fields",
  "normalized_fields",
].join(", ");

export const copyLogsStatement = `copy logs (${copyColumns}) from stdin`;

const special = /[\\\t\n\r]/g;
const escapes: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const escapeOne = (c: string) => escapes[c] as string;

function field(value: string | null): string {
  if (value === null) return "\\N";
  special.lastIndex = 0;
  return special.test(value) ? value.replace(special, escapeOne) : value;
}

export function copyText(facts: RequestFacts, events: readonly NormalizedEvent[]): string {
  // The request's own columns are the same on every line: escaped once.
  const head = `${field(facts.projectId)}\t`;
  const receivedAt = `\t${field(facts.receivedAt.toISOString())}\t`;
  const tail = `\t${field(facts.clientIp)}\t${field(facts.country)}\t${field(facts.requestId)}\t`;
  const requestAgent = field(facts.userAgent);
  let out = "";
  for (const e of events) {
    out +=
      head +
      field(e.clientId) +
      receivedAt +
      field(e.timestamp) +
      `\t${levelNumber[e.level]}\t` +
      field(e.message) +
      "\t" +
      field(e.logger) +
      "\t" +
      field(e.url) +
      "\t" +
      field(e.stack) +
      "\t" +
      field(e.release) +
      "\t" +
      field(e.environment) +
      "\t" +
      field(e.sessionId) +
      "\t" +
      field(e.userId) +
      "\t" +
      field(e.traceId) +
      "\t" +
      field(e.attributes === null ? null : JSON.stringify(e.attributes)) +
      "\t" +
      (e.clientUserAgent === null ? requestAgent : field(e.clientUserAgent)) +
      tail +
      field(nestedTextArray(e.truncatedFields)) +
      "\t" +
      field(nestedTextArray(e.normalizedFields)) +
      "\n";
  }
  return out;
}
