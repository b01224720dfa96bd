import { getTableColumns } from "drizzle-orm";
import { PgDialect, pgTable, text } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { levelNumber, logs } from "@/lib/db/schema/logs";
import type { NormalizedEvent } from "@/lib/ingest/normalize/schema";
import { copyLogsStatement, copyText, copyWriter } from "@/lib/ingest/store/copy-text";
import { logWriteColumns } from "@/lib/ingest/store/log-columns";
import { nestedTextArray } from "@/lib/ingest/store/pg-array";
import { insertLogs, unnestInsert } from "@/lib/ingest/store/unnest-insert";
import { fromEvent, type RequestFacts } from "@/lib/ingest/store/write-column";
import { decodeArray, decodeCopyRows, listedNames, unnestParts } from "./log-columns-decode";

// No database: the generated COPY and INSERT are read back here as Postgres would read them.
// The server-Postgres round trip of the same rows is tests/integration/ingest/store/store.test.ts.

const facts: RequestFacts = {
  projectId: "7d3c1e1a-2b4f-4c5d-8e6f-708192a3b4c5",
  receivedAt: new Date("2026-03-04T05:06:07.089Z"),
  requestId: "0f1e2d3c-4b5a-4987-8654-3210fedcba98",
  userAgent: 'header\tagent \\ "quoted"',
  clientIp: "203.0.113.9",
  country: null,
};

const hostile = 'tab\there, newline\nCR\r back\\slash "quote" {brace,comma} NULL \\N';
const plain: NormalizedEvent = {
  clientId: "id-1",
  level: "error",
  message: hostile,
  timestamp: "2026-03-04T05:06:00.000Z",
  logger: null,
  url: "https://example.com/?a=1&b=2",
  stack: "Error\n    at f (a.js:1:2)",
  release: "web@1",
  environment: "prod",
  sessionId: "s",
  userId: "u",
  traceId: null,
  attributes: { nested: { quote: '"', tab: "\t" }, list: [1, "x"] },
  clientUserAgent: null,
  truncatedFields: [],
  normalizedFields: [],
};
const events: NormalizedEvent[] = [
  plain,
  {
    ...plain,
    clientId: null,
    level: "debug",
    message: "second",
    attributes: null,
    clientUserAgent: "client agent\n",
    truncatedFields: ["message", 'odd "name"'],
    normalizedFields: ["timestamp"],
  },
];

/** What each column must hold, named independently of the list: a shift shows up here. */
function expected(e: NormalizedEvent): Record<string, string | null> {
  return {
    project_id: facts.projectId,
    client_id: e.clientId,
    received_at: facts.receivedAt.toISOString(),
    timestamp: e.timestamp,
    level: String(levelNumber[e.level]),
    message: e.message,
    logger: e.logger,
    url: e.url,
    stack: e.stack,
    release: e.release,
    environment: e.environment,
    session_id: e.sessionId,
    user_id: e.userId,
    trace_id: e.traceId,
    attributes: e.attributes === null ? null : JSON.stringify(e.attributes),
    user_agent: e.clientUserAgent ?? facts.userAgent,
    client_ip: facts.clientIp,
    country: facts.country,
    request_id: facts.requestId,
    truncated_fields: nestedTextArray(e.truncatedFields),
    normalized_fields: nestedTextArray(e.normalizedFields),
    issue_id: null,
  };
}

const dialect = new PgDialect();
const names = logWriteColumns.map((c) => c.name);

describe("the logs write columns", () => {
  it("are exactly the drizzle table's columns but the generated id, in its order and types", () => {
    // id comes from the logs_id_seq default (a partitioned table cannot have an identity column).
    const written = Object.values(getTableColumns(logs)).filter((c) => c !== logs.id);
    expect(names).toEqual(written.map((c) => c.name));
    expect(logWriteColumns.map((c) => c.type)).toEqual(written.map((c) => c.getSQLType()));
    for (const c of logWriteColumns) expect(c.eventText ?? c.requestText).toBeDefined();
  });

  it("are what the COPY statement and the INSERT name, in the same order", () => {
    expect(listedNames(copyLogsStatement)).toEqual(names);
    const parts = unnestParts(dialect.sqlToQuery(insertLogs(facts, events)).sql);
    expect(parts.inserted).toEqual(names);
    expect(parts.selected).toHaveLength(names.length);
    expect(parts.aliases).toEqual(logWriteColumns.filter((c) => c.eventText).map((c) => c.name));
    expect(parts.arrays).toBe(parts.aliases.length);
  });

  it("COPY rows carry every value under its own column, hostile text included", () => {
    const rows = decodeCopyRows(copyText(facts, events), names);
    expect(rows).toHaveLength(events.length);
    for (const [i, e] of events.entries()) expect(rows[i]).toEqual(expected(e));
  });

  it("the INSERT's arrays and parameters carry the same values under the same columns", () => {
    const query = dialect.sqlToQuery(insertLogs(facts, events));
    const parts = unnestParts(query.sql);
    const params = query.params as (string | null)[];
    // $n in the select list: a request-wide value; r."name": the unnest's array of that alias.
    const arrays = new Map(
      parts.aliases.map((alias, k) => [alias, decodeArray(params[parts.firstArray + k] ?? "")]),
    );
    for (const [i, e] of events.entries()) {
      const row: Record<string, string | null> = {};
      parts.inserted.forEach((name, col) => {
        const select = parts.selected[col] ?? "";
        const fromEvent = arrays.get(name)?.[i] ?? null;
        const param = /\$(\d+)/.exec(select);
        const fromRequest = param ? (params[Number(param[1]) - 1] ?? null) : null;
        row[name] = select.startsWith("coalesce")
          ? (fromEvent ?? fromRequest)
          : param
            ? fromRequest
            : fromEvent;
      });
      expect(row).toEqual(expected(e));
    }
  });

  it("take a new column from one line in the list: statement, rows and INSERT follow", () => {
    const extra = pgTable("logs", { fingerprint: text("fingerprint") });
    const columns = [...logWriteColumns, fromEvent(extra.fingerprint, (e) => e.level)];
    const copy = copyWriter("logs", columns);
    expect(listedNames(copy.statement)).toEqual([...names, "fingerprint"]);
    const rows = decodeCopyRows(copy.text(facts, events), [...names, "fingerprint"]);
    expect(rows.map((r) => r.fingerprint)).toEqual(["error", "debug"]);
    expect(rows.map((r) => r.request_id)).toEqual([facts.requestId, facts.requestId]);
    const sqlText = dialect.sqlToQuery(unnestInsert("logs", columns)(facts, events)).sql;
    const parts = unnestParts(sqlText);
    expect(parts.inserted.at(-1)).toBe("fingerprint");
    expect(parts.aliases.at(-1)).toBe("fingerprint");
    expect(parts.selected.at(-1)).toBe('r."fingerprint"::text');
    expect(parts.arrays).toBe(parts.aliases.length);
  });
});
