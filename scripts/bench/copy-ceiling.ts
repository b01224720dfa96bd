import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { levelNumber } from "@/lib/db/schema";
import { processCpuMs } from "./cpu-time";
import { benchEvent } from "./events";

/**
 * The ingest ceiling: the benchmark's own events written straight into `logs` with
 * `COPY FROM STDIN` (text format), the fastest way Postgres accepts rows. Columns are filled as
 * the ingest path would fill them (server fields included), so row size and index work match.
 */
const columns = [
  "project_id",
  "client_id",
  "level",
  "message",
  "logger",
  "url",
  "stack",
  "release",
  "environment",
  "session_id",
  "attributes",
  "user_agent",
  "client_ip",
  "request_id",
];

// COPY text format: backslash, tab, newline and CR must be escaped.
const escapeCopy = (s: string) =>
  s.replace(
    /[\\\t\n\r]/g,
    (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c] ?? c,
  );

function copyLine(projectId: string, id: string, seq: number, requestId: string): string {
  const e = benchEvent(id, seq);
  return `${[
    projectId,
    e.id,
    String(levelNumber[e.level]),
    e.message,
    e.logger,
    e.url,
    e.stack,
    e.release,
    e.environment,
    e.session_id,
    JSON.stringify(e.attributes),
    "Mozilla/5.0 (X11; Linux x86_64) logwell-bench",
    "127.0.0.0",
    requestId,
  ]
    .map(escapeCopy)
    .join("\t")}\n`;
}

/** Returns the CPU ms its server backend spent on the COPY. */
async function copyRows(url: string, projectId: string, first: number, count: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>("select pg_backend_pid() as pid");
    const backend = rows[0]?.pid ?? 0;
    const cpuBefore = processCpuMs(backend);
    const prefix = randomUUID();
    async function* lines() {
      for (let start = 0; start < count; start += 1000) {
        const requestId = randomUUID();
        let chunk = "";
        for (let i = start; i < Math.min(count, start + 1000); i++) {
          chunk += copyLine(projectId, `${prefix}-${first + i}`, first + i, requestId);
        }
        yield chunk;
      }
    }
    await pipeline(
      Readable.from(lines()),
      client.query(copyFrom(`COPY logs (${columns.join(",")}) FROM STDIN`)),
    );
    return processCpuMs(backend) - cpuBefore;
  } finally {
    await client.end();
  }
}

export interface CopyRun {
  rows: number;
  connections: number;
  seconds: number;
  rowsPerSecond: number;
  /** Postgres backend CPU per row, µs. */
  dbCpuUsPerRow: number;
}

/** COPY `rows` rows over `connections` parallel connections; rows/s over the wall time. */
export async function measureCopy(
  url: string,
  projectId: string,
  rows: number,
  connections = 1,
): Promise<CopyRun> {
  const per = Math.ceil(rows / connections);
  const started = performance.now();
  const cpuMs = await Promise.all(
    Array.from({ length: connections }, (_, c) => copyRows(url, projectId, c * per, per)),
  );
  const seconds = (performance.now() - started) / 1000;
  const rowCount = per * connections;
  return {
    rows: rowCount,
    connections,
    seconds,
    rowsPerSecond: rowCount / seconds,
    dbCpuUsPerRow: (cpuMs.reduce((a, b) => a + b, 0) * 1000) / rowCount,
  };
}
