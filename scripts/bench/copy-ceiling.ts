import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { copyLogsStatement, copyText } from "@/lib/ingest/store/copy-text";
import { processCpuMs } from "./cpu-time";
import { benchNormalizedEvent } from "./events";

/**
 * The ingest ceiling: the benchmark's own events written straight into `logs` with
 * `COPY FROM STDIN` (text format), the fastest way Postgres accepts rows. The rows are the
 * ingest's own (its COPY writer, lib/ingest/store/copy-text.ts, server fields included), so row size
 * and index work match.
 */
function copyChunk(projectId: string, prefix: string, first: number, count: number): string {
  const events = Array.from({ length: count }, (_, i) =>
    benchNormalizedEvent(`${prefix}-${first + i}`, first + i),
  );
  return copyText(
    {
      projectId,
      receivedAt: new Date(),
      requestId: randomUUID(),
      userAgent: "Mozilla/5.0 (X11; Linux x86_64) logwell-bench",
      clientIp: "127.0.0.0",
      country: null,
    },
    events,
  );
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
        yield copyChunk(projectId, prefix, first + start, Math.min(1000, count - start));
      }
    }
    await pipeline(Readable.from(lines()), client.query(copyFrom(copyLogsStatement)));
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
