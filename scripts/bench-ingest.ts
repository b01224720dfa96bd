// `npm run bench:ingest [-- --quick] [--no-build] [--connections N] [--batches 1,20,100]
//   [--redis] [--profile DIR]` (--profile: CPU-profile the server under ingest load only, then
//   print where its time went; no ceilings, no ratios)
// Sustained ingest through the production server (`next start`) on a fresh database on the
// local Postgres, against two ceilings measured in the same run: COPY of the same rows into the
// same table, and the same server answering its cheapest route. Prints figures and ratios;
// asserts nothing but "events lost = 0" (exit code 1 otherwise). See docs/performance.md.
import { mkdirSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startServer } from "../tests/support/server";
import { createBenchDatabase } from "./bench/bench-db";
import { buildInto, hasBuild } from "./bench/build";
import { measureCopy } from "./bench/copy-ceiling";
import { analyzeProfiles, printBreakdown } from "./bench/cpu-profile";
import { benchEventBytes } from "./bench/events";
import { ingestBodies } from "./bench/ingest-body";
import { closedLoop, type LoadRun, type LoadSpec, openLoop } from "./bench/load-generator";
import { describeMachine } from "./bench/machine";
import { median, round, summarizeLatencies } from "./bench/stats";

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    "no-build": { type: "boolean", default: false },
    connections: { type: "string", default: "32" },
    profile: { type: "string" },
    batches: { type: "string", default: "1,20,100" },
    redis: { type: "boolean", default: false },
  },
});
const quick = args.quick ?? false;
const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
const plan = {
  durationMs: quick ? 3_000 : 10_000,
  warmupMs: quick ? 1_000 : 3_000,
  repetitions: quick || args.profile ? 1 : 3,
  copyRows: quick ? 50_000 : 300_000,
  connections: Number(args.connections),
  batchSizes: (args.batches ?? "").split(",").map(Number),
};
const distDir = process.env.BENCH_DIST_DIR ?? ".next-bench";
const baseUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  "postgres://postgres@127.0.0.1:5432/postgres";

console.log(`machine: ${describeMachine()}; load average ${loadAverage()}`);
console.log(
  `plan: ${plan.repetitions}× ${plan.durationMs / 1000} s per figure, ${plan.connections} connections, batches ${plan.batchSizes.join("/")}, event ≈ ${benchEventBytes()} B`,
);
if (!(args["no-build"] && hasBuild(distDir))) buildInto(distDir);
process.env.LOGWELL_DIST_DIR = distDir; // startServer runs the build in this dir

if (args.profile) mkdirSync(args.profile, { recursive: true });
const db = await createBenchDatabase(baseUrl);
const server = await startServer({
  env: {
    DATABASE_URL: db.url,
    // Per-request info logs would pile up in the harness's output buffer.
    LOG_LEVEL: "warn",
    REDIS_URL: args.redis ? (process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379") : undefined,
    NODE_OPTIONS: args.profile
      ? `--require ${path.resolve("scripts/bench/cpu-profile-preload.cjs")}`
      : undefined,
    LOGWELL_CPU_PROFILE_DIR: args.profile ? path.resolve(args.profile) : undefined,
  },
});
const ingestUrl = new URL("/api/v1/logs", server.url);

function ingestSpec(batchSize: number, durationMs: number): LoadSpec {
  return {
    url: ingestUrl,
    method: "POST",
    headers: { "content-type": "application/json", "x-logwell-key": db.key },
    body: ingestBodies(batchSize),
    connections: plan.connections,
    durationMs,
  };
}

// The cheapest Next route that adds nothing to the app: the ingest handler itself refusing a
// request without a key (401 before any body read or database call).
const trivialSpec = (durationMs: number): LoadSpec => ({
  url: ingestUrl,
  method: "POST",
  headers: { "content-type": "application/json" },
  body: () => Buffer.from("{}"),
  connections: plan.connections,
  durationMs,
});
const staticChunk = readdirSync(path.join(distDir, "static", "chunks")).find((f) =>
  f.endsWith(".js"),
);
const staticSpec = (durationMs: number): LoadSpec => ({
  url: new URL(`/_next/static/chunks/${staticChunk}`, server.url),
  method: "GET",
  headers: {},
  body: () => undefined,
  connections: plan.connections,
  durationMs,
});

interface IngestFigure {
  batchSize: number;
  eventsPerSecond: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  lost: number;
  storedUnacked: number;
  statuses: Record<string, number>;
}

const results = {
  copy1: [] as number[],
  copy2: [] as number[],
  trivial: [] as number[],
  static: [] as number[],
  ingest: new Map<number, IngestFigure[]>(),
};
let eventsLost = 0;
let profileFrom = 0;

async function measureIngest(run: LoadRun, batchSize: number): Promise<IngestFigure> {
  const stored = await db.countRows(db.projectId);
  await db.truncateLogs();
  const latency = summarizeLatencies(run.latenciesMs);
  const lost = Math.max(0, run.acceptedEvents - stored);
  eventsLost += lost;
  return {
    batchSize,
    eventsPerSecond: run.acceptedEvents / run.seconds,
    requestsPerSecond: run.ok / run.seconds,
    p50: latency.p50,
    p99: latency.p99,
    lost,
    storedUnacked: Math.max(0, stored - run.acceptedEvents),
    statuses: { ...run.statusCounts, ...(run.networkErrors ? { network: run.networkErrors } : {}) },
  };
}

const show = (label: string, figure: object) => console.log(label, JSON.stringify(figure));

try {
  console.log(`server: ${server.url} (build ${distDir}), database ${new URL(db.url).pathname}`);
  for (const batchSize of plan.batchSizes) await closedLoop(ingestSpec(batchSize, plan.warmupMs));
  await closedLoop(trivialSpec(plan.warmupMs));
  await db.truncateLogs();

  if (args.profile) {
    profileFrom = Date.now();
    for (const batchSize of plan.batchSizes) {
      const run = await closedLoop(ingestSpec(batchSize, plan.durationMs));
      show(`ingest batch ${batchSize}`, roundFigure(await measureIngest(run, batchSize)));
    }
  } else {
    await measureAll();
  }
} finally {
  await server.stop();
  await db.drop();
}
// The profile is written when the server exits.
if (args.profile) printBreakdown(analyzeProfiles(args.profile, profileFrom));
console.log(`load average at the end: ${loadAverage()}`);
process.exit(eventsLost === 0 ? 0 : 1);

async function measureAll() {
  for (let rep = 1; rep <= plan.repetitions; rep++) {
    console.log(`\n-- repetition ${rep}/${plan.repetitions}`);
    for (const connections of [1, 2]) {
      const copy = await measureCopy(db.url, db.copyProjectId, plan.copyRows, connections);
      (connections === 1 ? results.copy1 : results.copy2).push(copy.rowsPerSecond);
      show(`COPY ${connections} conn`, { rowsPerSecond: round(copy.rowsPerSecond) });
      await db.truncateLogs();
    }
    const trivial = await closedLoop(trivialSpec(plan.durationMs));
    results.trivial.push(trivial.requests / trivial.seconds);
    show("trivial (POST without key)", {
      requestsPerSecond: round(trivial.requests / trivial.seconds),
      statuses: trivial.statusCounts,
    });
    const statics = await closedLoop(staticSpec(plan.durationMs));
    results.static.push(statics.ok / statics.seconds);
    show("static chunk", { requestsPerSecond: round(statics.ok / statics.seconds) });
    for (const batchSize of plan.batchSizes) {
      const figure = await measureIngest(
        await closedLoop(ingestSpec(batchSize, plan.durationMs)),
        batchSize,
      );
      results.ingest.set(batchSize, [...(results.ingest.get(batchSize) ?? []), figure]);
      show(`ingest batch ${batchSize}`, roundFigure(figure));
    }
  }

  console.log("\n-- latency at half of peak load (open loop)");
  const halfLoad = new Map<number, IngestFigure>();
  for (const batchSize of plan.batchSizes) {
    const peak = median((results.ingest.get(batchSize) ?? []).map((f) => f.requestsPerSecond));
    const run = await openLoop({
      ...ingestSpec(batchSize, plan.durationMs),
      ratePerSecond: peak / 2,
    });
    const figure = await measureIngest(run, batchSize);
    halfLoad.set(batchSize, figure);
    show(`ingest batch ${batchSize} at ${round(peak / 2)} req/s`, roundFigure(figure));
  }
  printSummary(halfLoad);
}

function roundFigure(f: IngestFigure) {
  return {
    ...f,
    eventsPerSecond: round(f.eventsPerSecond),
    requestsPerSecond: round(f.requestsPerSecond),
    p50: round(f.p50, 1),
    p99: round(f.p99, 1),
  };
}

function printSummary(halfLoad: Map<number, IngestFigure>) {
  const med = (batchSize: number, pick: (f: IngestFigure) => number) =>
    median((results.ingest.get(batchSize) ?? []).map(pick));
  const copy1 = median(results.copy1);
  const copy2 = median(results.copy2);
  const trivial = median(results.trivial);
  console.log(`\n## Ingest benchmark (median of ${plan.repetitions})\n`);
  console.log("| batch | events/s | req/s | p50 ms | p99 ms | p99 at ½ peak ms | lost |");
  console.log("|---|---|---|---|---|---|---|");
  for (const b of plan.batchSizes) {
    console.log(
      `| ${b} | ${round(med(b, (f) => f.eventsPerSecond))} | ${round(med(b, (f) => f.requestsPerSecond))} | ${round(
        med(b, (f) => f.p50),
        1,
      )} | ${round(
        med(b, (f) => f.p99),
        1,
      )} | ${round(halfLoad.get(b)?.p99 ?? Number.NaN, 1)} | ${(results.ingest.get(b) ?? []).reduce((s, f) => s + f.lost, 0) + (halfLoad.get(b)?.lost ?? 0)} |`,
    );
  }
  console.log(
    `\nceilings: COPY ${round(copy1)} rows/s (1 conn), ${round(copy2)} rows/s (2 conn); trivial route ${round(trivial)} req/s; static chunk ${round(median(results.static))} req/s`,
  );
  const b100 = med(100, (f) => f.eventsPerSecond);
  const b1 = med(1, (f) => f.requestsPerSecond);
  const worstHalfP99 = Math.max(...[...halfLoad.values()].map((f) => f.p99));
  // The ceiling is the faster of the two COPY figures: the stricter ratio.
  console.log(
    `ratio batch-100 events/s ÷ COPY: ${round(b100 / Math.max(copy1, copy2), 2)} (target ≥ 0.60; ÷ 1-conn COPY ${round(b100 / copy1, 2)}, ÷ 2-conn COPY ${round(b100 / copy2, 2)})`,
  );
  console.log(`ratio batch-1 req/s ÷ trivial route: ${round(b1 / trivial, 2)} (target ≥ 0.50)`);
  console.log(`p99 at half of peak, worst batch size: ${round(worstHalfP99, 1)} ms (target < 50)`);
  console.log(`events lost (2xx-acknowledged minus stored): ${eventsLost} (must be 0)`);
}
