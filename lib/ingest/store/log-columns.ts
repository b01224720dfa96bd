import { levelNumber, logs } from "@/lib/db/schema/logs";
import { fromEvent, fromRequest } from "./write-column";

// The `logs` columns ingest writes, each once: where its value comes from. The COPY statement
// and row writer (copy-text.ts) and the INSERT … unnest (unnest-insert.ts) are generated from
// this list, in this order. COPY is positional: a column kept by hand in one place and not in
// another would shift every later value into the wrong column, which only a server-Postgres
// test would notice. tests/unit/ingest/store/log-columns.test.ts holds the list to the drizzle table,
// so a new column is its drizzle definition plus one line here.
export const logWriteColumns = [
  fromRequest(logs.projectId, (r) => r.projectId),
  fromEvent(logs.clientId, (e) => e.clientId),
  fromRequest(logs.receivedAt, (r) => r.receivedAt.toISOString()),
  fromEvent(logs.timestamp, (e) => e.timestamp),
  fromEvent(logs.level, (e) => levelNumber[e.level]),
  fromEvent(logs.message, (e) => e.message),
  fromEvent(logs.logger, (e) => e.logger),
  fromEvent(logs.url, (e) => e.url),
  fromEvent(logs.stack, (e) => e.stack),
  fromEvent(logs.release, (e) => e.release),
  fromEvent(logs.environment, (e) => e.environment),
  fromEvent(logs.sessionId, (e) => e.sessionId),
  fromEvent(logs.userId, (e) => e.userId),
  fromEvent(logs.traceId, (e) => e.traceId),
  fromEvent(logs.attributes, (e) => e.attributes),
  // The client's own user agent (attributes.user_agent) wins over the request's header.
  fromEvent(
    logs.userAgent,
    (e) => e.clientUserAgent,
    (r) => r.userAgent,
  ),
  fromRequest(logs.clientIp, (r) => r.clientIp),
  fromRequest(logs.country, (r) => r.country),
  fromRequest(logs.requestId, (r) => r.requestId),
  fromEvent(logs.truncatedFields, (e) => e.truncatedFields),
  fromEvent(logs.normalizedFields, (e) => e.normalizedFields),
  // Set while the body is prepared (lib/issues/ingest/event-issue.ts); null: no issue.
  fromEvent(logs.issueId, (e) => e.issue?.id ?? null),
];
