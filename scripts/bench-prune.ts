// `npm run bench:prune [-- --quick] [--rows N]`
// Retention at scale on a fresh database on the local Postgres: COPY N events (default
// 2,000,000; half of them received 40 days ago, past the 30-day retention, into that day's
// partition, which the prune drops whole; the other half yesterday), run the real prune,
// and measure ingest latency (the ingest store function, batches of 100 at a steady rate) before
// and during the prune. Prints figures and ratios against the same run's COPY rate; asserts
// nothing. Results: docs/performance.md, "Prune".
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { openDatabase } from "@/lib/db/open";
import { partitionName } from "@/lib/db/partitions/day";
import { ensureDayPartitions } from "@/lib/db/partitions/ensure";
import { levelNumber } from "@/lib/db/schema";
import { insertEvents } from "@/lib/ingest/store/store";
import { prune } from "@/lib/retention/prune";
import { createBenchDatabase } from "./bench/bench-db";
import { benchEvent, benchEventBytes, benchNormalizedEvent } from "./bench/events";
import { describeMachine } from "./bench/machine";
import { round, summarizeLatencies } from "./bench/stats";

const { values: args } = parseArgs({
  options: { quick: { type: "boolean", default: false }, rows: { type: "string" } },
});
const totalRows = Number(args.rows ?? (args.quick ? 200_000 : 2_000_000));
const ingestBatch = 100;
const ingestRatePerSecond = 20; // batches/s: 2,000 events/s, a busy small team
const baselineMs = args.quick ? 3_000 : 10_000;
const baseUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  "postgres://postgres@127.0.0.1:5432/postgres";
const escapeCopy = (s: string) =>
  s.replace(
    /[\\\t\n\r]/g,
    (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c] ?? c,
  );

/** COPY `count` events into one project, all received `daysAgo` days ago. */
async function copyEvents(url: string, projectId: string, count: number, daysAgo: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const receivedAt = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  const prefix = randomUUID();
  async function* lines() {
    for (let start = 0; start < count; start += 1000) {
      let chunk = "";
      for (let i = start; i < Math.min(count, start + 1000); i++) {
        const e = benchEvent(`${prefix}-${i}`, i);
        const row = [
          projectId,
          e.id,
          receivedAt,
          String(levelNumber[e.level]),
          e.message,
          e.url,
          e.stack,
          JSON.stringify(e.attributes),
        ];
        chunk += `${row.map(escapeCopy).join("\t")}\n`;
      }
      yield chunk;
    }
  }
  try {
    const columns = "project_id, client_id, received_at, level, message, url, stack, attributes";
    await pipeline(
      Readable.from(lines()),
      client.query(copyFrom(`COPY logs (${columns}) FROM STDIN`)),
    );
  } finally {
    await client.end();
  }
}

/** Inserts a batch every 1/rate s through the ingest store until `until()`; statement latencies (ms). */
async function steadyIngest(
  db: Awaited<ReturnType<typeof openDatabase>>["db"],
  projectId: string,
  until: () => boolean,
) {
  const latencies: number[] = [];
  let seq = 0;
  const interval = 1000 / ingestRatePerSecond;
  let next = performance.now();
  while (!until() && latencies.length < 100_000) {
    const events = Array.from({ length: ingestBatch }, () =>
      benchNormalizedEvent(randomUUID(), seq++),
    );
    const started = performance.now();
    const facts = {
      projectId,
      receivedAt: new Date(),
      requestId: randomUUID(),
      userAgent: null,
      clientIp: null,
      country: null,
    };
    await insertEvents(db, facts, events);
    latencies.push(performance.now() - started);
    next += interval;
    const wait = next - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  return summarizeLatencies(latencies);
}

console.log(`machine: ${describeMachine()}`);
console.log(
  `plan: COPY ${totalRows} events of ≈${benchEventBytes()} B (half expired), prune, ingest ${ingestRatePerSecond}×${ingestBatch} events/s`,
);
const bench = await createBenchDatabase(baseUrl);
const database = await openDatabase({ url: bench.url, driver: "pg" });
try {
  const half = Math.floor(totalRows / 2);
  // The two days' partitions, as the days' own prune runs would have made them.
  for (const daysAgo of [40, 1]) {
    await ensureDayPartitions(database.db, new Date(Date.now() - daysAgo * 86_400_000), 1);
  }
  let started = performance.now();
  await Promise.all([
    copyEvents(bench.url, bench.projectId, half, 40),
    copyEvents(bench.url, bench.projectId, totalRows - half, 1),
  ]);
  const copySeconds = (performance.now() - started) / 1000;
  const copyRate = totalRows / copySeconds;
  console.log(
    `COPY: ${totalRows} rows in ${round(copySeconds, 1)} s = ${Math.round(copyRate)} rows/s (2 connections)`,
  );
  const admin = new pg.Client({ connectionString: bench.url });
  await admin.connect();
  await admin.query("vacuum analyze logs");
  const expiredDay = partitionName(new Date(Date.now() - 40 * 86_400_000));
  const { rows: sized } = await admin.query<{ bytes: string }>(
    "select pg_total_relation_size($1::regclass)::text as bytes",
    [expiredDay],
  );
  const dayBytes = Number(sized[0]?.bytes ?? 0);
  console.log(
    `expired day ${expiredDay}: ${half} rows, ${round(dayBytes / 1e6, 1)} MB with its indexes (${Math.round(dayBytes / half)} B per event)`,
  );

  const baseline = await steadyIngest(
    database.db,
    bench.projectId,
    (
      (end) => () =>
        performance.now() > end
    )(performance.now() + baselineMs),
  );
  let pruneDone = false;
  started = performance.now();
  const [result, during] = await Promise.all([
    prune({ db: database.db, now: new Date(), budgetMs: 30 * 60_000, batchSize: 5000 }).finally(
      () => {
        pruneDone = true;
      },
    ),
    steadyIngest(database.db, bench.projectId, () => pruneDone),
  ]);
  const pruneSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  await admin.query("vacuum logs");
  const vacuumSeconds = (performance.now() - started) / 1000;
  await admin.end();

  const pruneRate = result.deleted / pruneSeconds;
  const withVacuum = result.deleted / (pruneSeconds + vacuumSeconds);
  console.log(
    `prune: deleted ${result.deleted} (done: ${result.done}) in ${round(pruneSeconds, 1)} s = ${Math.round(pruneRate)} rows/s; ÷ COPY = ${round(pruneRate / copyRate, 2)}`,
  );
  console.log(
    `days dropped: ${result.days?.dropped.join(", ") || "none"} (${result.days?.events ?? 0} events), deferred: ${result.days?.deferred.length ?? 0}`,
  );
  console.log(
    `vacuum after prune: ${round(vacuumSeconds, 1)} s; prune + vacuum = ${Math.round(withVacuum)} rows/s; ÷ COPY = ${round(withVacuum / copyRate, 2)}`,
  );
  console.log(
    `ingest batch of ${ingestBatch} before prune: p50 ${round(baseline.p50, 1)} ms, p99 ${round(baseline.p99, 1)} ms (${baseline.count} batches)`,
  );
  console.log(
    `ingest batch of ${ingestBatch} during prune: p50 ${round(during.p50, 1)} ms, p99 ${round(during.p99, 1)} ms (${during.count} batches); p99 ratio during ÷ before = ${round(during.p99 / baseline.p99, 2)}`,
  );
  console.log(
    `rows left: ${await bench.countRows(bench.projectId)} (expected ${totalRows - half} + ingested)`,
  );
} finally {
  await database.close();
  await bench.drop();
}
process.exit(0);
