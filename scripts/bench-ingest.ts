// `npm run bench:ingest [-- --quick] [--no-build] [--connections N] [--batches 1,20,100]
//   [--events standard|plain] [--issues] [--issue-pool N] [--sourcemaps]
//   [--redis] [--processes N] [--threads N|auto] [--profile DIR]` (--events plain: the batches'
//   events belong to no issue (no stack, info/warn); --issues: two error-only batch-100
//   scenarios, 100 distinct issues per batch (of a pool of --issue-pool issues, default 100) and
//   a one-issue storm, each against COPY measured just before it, then the issue counts
//   checked against the events; --sourcemaps: minified Sentry events with their maps absent and
//   present (warm cache), scripts/bench/sourcemap-scenario.ts; --threads:
//   LOGWELL_INGEST_THREADS, default auto; --processes: LOGWELL_PROCESSES, default 1; more than 1
//   implies --redis so the rate limits stay shared; --profile: CPU-profile the server under
//   ingest load only, then print where its time went; no ceilings, no ratios)
// Sustained ingest through the production server (`npm start`: scripts/server.mjs around Next,
// with its direct lane and preparation threads) on a fresh database on the local Postgres,
// against two ceilings measured in the same run: COPY of the same rows into the same table, and
// the same server answering its cheapest route; and, with batch 100 in the plan, the same
// events as OTLP/HTTP protobuf (batch 100), as a ratio to native ingest of exactly what those
// OTLP bodies decode to (batch 100, measured beside it) and to native batch 100; with batch 1,
// a Sentry envelope of one event right after native batch 1, as a ratio to it.
// Then the ingest-health accounting's cost per request against the server CPU per request.
// Prints figures and ratios; asserts nothing but
// "events lost = 0" (exit code 1 otherwise). Method and figures: docs/performance.md.
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startServer } from "../tests/support/server";
import { printAccountingCost } from "./bench/accounting-cost";
import { createBenchDatabase, raisedLimit } from "./bench/bench-db";
import { buildInto, hasBuild } from "./bench/build";
import { measureCopy } from "./bench/copy-ceiling";
import { analyzeProfiles, printBreakdown } from "./bench/cpu-profile";
import { cpuMeter, machineBusyMeter, withChildren } from "./bench/cpu-time";
import { benchEventBytes } from "./bench/events";
import { ingestBodies } from "./bench/ingest-body";
import {
  type BenchResults,
  type IngestFigure,
  printIssueScenarios,
  printSummary,
  roundFigure,
} from "./bench/ingest-report";
import { defaultIssuePool, type EventKind, eventBodies } from "./bench/issue-body";
import { closedLoop, type LoadRun, type LoadSpec, openLoop } from "./bench/load-generator";
import { describeMachine } from "./bench/machine";
import { otlpAsNativeBodies, otlpBodies } from "./bench/otlp-body";
import { sentryEnvelopes } from "./bench/sentry-body";
import {
  issueCulprits,
  type MapsProject,
  printSourcemapPairs,
  seedMapsProject,
} from "./bench/sourcemap-scenario";
import { round, summarizeLatencies } from "./bench/stats";

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    "no-build": { type: "boolean", default: false },
    connections: { type: "string", default: "32" },
    profile: { type: "string" },
    batches: { type: "string", default: "1,20,100" },
    redis: { type: "boolean", default: false },
    processes: { type: "string", default: "1" },
    threads: { type: "string", default: "auto" },
    events: { type: "string", default: "standard" },
    issues: { type: "boolean", default: false },
    sourcemaps: { type: "boolean", default: false },
    "issue-pool": { type: "string", default: String(defaultIssuePool) },
  },
});
const eventKind = args.events as EventKind;
if (eventKind !== "standard" && eventKind !== "plain") throw new Error("--events standard|plain");
const issueKinds = args.issues ? (["distinct", "storm"] as const) : [];
/** The issue scenarios' batch: the issue's goal is stated at 100 events per request. */
const issueBatch = 100;
const quick = args.quick ?? false;
const processes = Number(args.processes);
// Several processes each keeping their own in-memory limits would not be "rate limiting on".
const useRedis = (args.redis ?? false) || processes > 1;
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
  `plan: ${plan.repetitions}× ${plan.durationMs / 1000} s per figure, ${plan.connections} connections, batches ${plan.batchSizes.join("/")}, event ≈ ${benchEventBytes()} B, ${processes} server process(es), ingest threads ${args.threads}, rate limits ${useRedis ? "in Redis" : "in memory"}`,
);
if (!(args["no-build"] && hasBuild(distDir))) buildInto(distDir);
process.env.LOGWELL_DIST_DIR = distDir; // startServer runs the build in this dir

if (args.profile) mkdirSync(args.profile, { recursive: true });
const db = await createBenchDatabase(baseUrl);
const mapsProject = args.sourcemaps ? await seedMapsProject(db.url, raisedLimit) : undefined;
const server = await startServer({
  env: {
    DATABASE_URL: db.url,
    // Per-request info logs would pile up in the harness's output buffer.
    LOG_LEVEL: "warn",
    REDIS_URL: useRedis ? (process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379") : undefined,
    LOGWELL_PROCESSES: String(processes),
    LOGWELL_INGEST_THREADS: args.threads,
    NODE_OPTIONS: [
      process.env.BENCH_NODE_OPTIONS,
      args.profile && `--require ${path.resolve("scripts/bench/cpu-profile-preload.cjs")}`,
    ]
      .filter(Boolean)
      .join(" "),
    LOGWELL_CPU_PROFILE_DIR: args.profile ? path.resolve(args.profile) : undefined,
  },
});
const ingestUrl = new URL("/api/v1/logs", server.url);
const serverPid = server.pid;

const otlpUrl = new URL("/api/otlp/v1/logs", server.url);
/** The OTLP figure's batch: the issue's goal is stated at 100 records per request. */
const otlpBatch = 100;

// The same events as OTLP/HTTP protobuf (scripts/bench/otlp-body.ts). A full success is an
// empty ExportLogsServiceResponse: the batch was acknowledged whole.
const otlpBody = otlpBodies(otlpBatch);
function otlpSpec(durationMs: number): LoadSpec {
  return {
    url: otlpUrl,
    method: "POST",
    headers: { "content-type": "application/x-protobuf", "x-logwell-key": db.key },
    body: otlpBody,
    connections: plan.connections,
    durationMs,
    acceptedOf: (reply) => (reply.body === "" ? otlpBatch : 0),
  };
}

// Native ingest of the same events: the JSON of the raw events Logwell's OTLP decoder makes of
// otlpBody (same fields, same attributes with `resource` and `scope`), so both store the same
// rows. The OTLP figure's baseline; native batch 100 (the bench event) is the other one.
const otlpNativeBody = otlpAsNativeBodies(otlpBatch);
function otlpNativeSpec(durationMs: number): LoadSpec {
  return { ...ingestSpec(otlpBatch, durationMs), body: otlpNativeBody };
}

// The same events as a browser's Sentry SDK sends them, one per envelope (the way every Sentry
// SDK sends errors); the answer names the event's id once it is stored.
const sentryUrl = new URL(
  `/api/${db.projectNumber}/envelope/?sentry_key=${db.key}&sentry_version=7`,
  server.url,
);
const sentryBody = sentryEnvelopes();
function sentrySpec(durationMs: number): LoadSpec {
  return {
    url: sentryUrl,
    method: "POST",
    headers: { "content-type": "text/plain;charset=UTF-8" },
    body: sentryBody,
    connections: plan.connections,
    durationMs,
    acceptedOf: (reply) => (reply.body.startsWith('{"id":') ? 1 : 0),
  };
}

// The same minified Sentry events to the project without maps and to the one with them.
const minifiedBody = mapsProject && sentryEnvelopes(mapsProject.frames);
function minifiedSentrySpec(target: { number: number; key: string }, durationMs: number): LoadSpec {
  return {
    ...sentrySpec(durationMs),
    url: new URL(
      `/api/${target.number}/envelope/?sentry_key=${target.key}&sentry_version=7`,
      server.url,
    ),
    body: minifiedBody ?? sentryBody,
  };
}
const sourcemapPairs: Array<{ absent: IngestFigure; present: IngestFigure }> = [];

function ingestSpec(batchSize: number, durationMs: number, kind = eventKind): LoadSpec {
  return {
    url: ingestUrl,
    method: "POST",
    headers: { "content-type": "application/json", "x-logwell-key": db.key },
    body:
      kind === "standard"
        ? ingestBodies(batchSize)
        : eventBodies(kind, batchSize, Number(args["issue-pool"])),
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

const results: BenchResults = {
  repetitions: plan.repetitions,
  batchSizes: plan.batchSizes,
  copy1: [],
  copy2: [],
  trivial: [],
  static: [],
  ingest: new Map(),
  halfLoad: new Map(),
  otlp: [],
  sentry: [],
  issueScenarios: [],
  eventsLost: 0,
};
let profileFrom = 0;

/** Runs a load and meters the CPU the server process and the database's backends spent. */
async function metered(load: () => Promise<LoadRun>) {
  const serverCpu = cpuMeter(() => (serverPid ? withChildren(serverPid) : []));
  const dbCpu = cpuMeter(() => db.backendPids());
  const machine = machineBusyMeter();
  await serverCpu.start();
  await dbCpu.start();
  machine.start();
  const run = await load();
  const machineBusy = machine.stop();
  return {
    run,
    serverCpuMs: await serverCpu.stop(),
    dbCpuMs: await dbCpu.stop(),
    machineBusy,
    machineSteal: machine.steal(),
  };
}

async function measureIngest(
  batchSize: number,
  label: string,
  load: () => Promise<LoadRun>,
  beforeTruncate?: () => Promise<void>,
  projectId = db.projectId,
) {
  const checkpointWritesBefore = await db.checkpointWrites();
  const { run, serverCpuMs, dbCpuMs, machineBusy, machineSteal } = await metered(load);
  const checkpointWrites = (await db.checkpointWrites()) - checkpointWritesBefore;
  const stored = await db.countRows(projectId);
  await beforeTruncate?.();
  await db.truncateLogs();
  const latency = summarizeLatencies(run.latenciesMs);
  const lost = Math.max(0, run.acceptedEvents - stored);
  results.eventsLost += lost;
  const figure: IngestFigure = {
    batchSize,
    eventsPerSecond: run.acceptedEvents / run.seconds,
    requestsPerSecond: run.ok / run.seconds,
    p50: latency.p50,
    p99: latency.p99,
    lost,
    storedUnacked: Math.max(0, stored - run.acceptedEvents),
    serverCpuUs: (serverCpuMs * 1000) / Math.max(1, stored),
    dbCpuUs: (dbCpuMs * 1000) / Math.max(1, stored),
    machineBusy,
    machineSteal,
    checkpointWrites,
    statuses: { ...run.statusCounts, ...(run.networkErrors ? { network: run.networkErrors } : {}) },
  };
  show(`ingest ${label}`, roundFigure(figure));
  return figure;
}

const show = (label: string, figure: object) => console.log(label, JSON.stringify(figure));

try {
  console.log(`server: ${server.url} (build ${distDir}), database ${new URL(db.url).pathname}`);
  for (const batchSize of plan.batchSizes) await closedLoop(ingestSpec(batchSize, plan.warmupMs));
  if (plan.batchSizes.includes(otlpBatch)) {
    await closedLoop(otlpNativeSpec(plan.warmupMs));
    await closedLoop(otlpSpec(plan.warmupMs));
  }
  if (plan.batchSizes.includes(1)) await closedLoop(sentrySpec(plan.warmupMs));
  for (const kind of issueKinds) await closedLoop(ingestSpec(issueBatch, plan.warmupMs, kind));
  if (mapsProject) {
    await closedLoop(minifiedSentrySpec({ number: db.projectNumber, key: db.key }, plan.warmupMs));
    await closedLoop(minifiedSentrySpec(mapsProject, plan.warmupMs));
  }
  await closedLoop(trivialSpec(plan.warmupMs));
  await db.truncateLogs();

  if (args.profile) {
    profileFrom = Date.now();
    for (const batchSize of plan.batchSizes) {
      await measureIngest(batchSize, `batch ${batchSize}`, () =>
        closedLoop(ingestSpec(batchSize, plan.durationMs)),
      );
    }
  } else {
    for (let rep = 1; rep <= plan.repetitions; rep++) await measureRepetition(rep);
    printSummary(results);
    printAccountingCost(results);
    printIssueScenarios(results.issueScenarios);
    if (mapsProject) printSourcemapPairs(sourcemapPairs, mapsProject.mapBytes);
  }
} finally {
  await server.stop();
  await db.drop();
  // The server's own output (its logs; V8's with BENCH_NODE_OPTIONS=--trace-gc), for diagnosis.
  if (process.env.BENCH_SERVER_LOG) writeFileSync(process.env.BENCH_SERVER_LOG, server.output());
}
// The profile is written when the server exits.
if (args.profile) printBreakdown(analyzeProfiles(args.profile, profileFrom));
console.log(`load average at the end: ${loadAverage()}`);
const miscounted = results.issueScenarios.reduce((n, s) => n + s.mismatches, 0);
process.exit(results.eventsLost === 0 && miscounted === 0 ? 0 : 1);

async function measureRepetition(rep: number) {
  console.log(`\n-- repetition ${rep}/${plan.repetitions}`);
  const statics = await closedLoop(staticSpec(plan.durationMs));
  results.static.push(statics.ok / statics.seconds);
  show("static chunk", { requestsPerSecond: round(statics.ok / statics.seconds) });
  // Each ceiling is measured right before the figure its ratio divides: this machine's speed
  // drifts by ±20 % within minutes, and a ceiling taken a minute earlier carries that drift
  // into the ratio. Trivial route before the smallest batch, COPY before the largest.
  const sizes = [...plan.batchSizes].sort((a, b) => a - b);
  for (const batchSize of sizes) {
    if (batchSize === sizes[0]) await measureTrivial();
    if (batchSize === sizes.at(-1)) await measureCopies();
    const figure = await measureIngest(batchSize, `batch ${batchSize}`, () =>
      closedLoop(ingestSpec(batchSize, plan.durationMs)),
    );
    results.ingest.set(batchSize, [...(results.ingest.get(batchSize) ?? []), figure]);
    await measureHalfLoad(batchSize, figure);
    // OTLP beside native ingest of the same events, in turn first (the machine drifts).
    if (batchSize === otlpBatch) results.otlp.push({ native: figure, ...(await measureOtlp(rep)) });
    // A Sentry envelope of one event right after native single events.
    if (batchSize === 1) {
      const sentry = await measureIngest(1, "Sentry envelope, one event", () =>
        closedLoop(sentrySpec(plan.durationMs)),
      );
      results.sentry.push({ native: figure, sentry });
    }
  }
  for (const kind of issueKinds) await measureIssueScenario(kind);
  if (mapsProject) await measureSourcemaps(mapsProject);
}

/** Minified Sentry events, maps absent then present, back to back (sourcemap-scenario.ts). */
async function measureSourcemaps(maps: MapsProject) {
  const absent = await measureIngest(1, "Sentry minified, maps absent", () =>
    closedLoop(minifiedSentrySpec({ number: db.projectNumber, key: db.key }, plan.durationMs)),
  );
  const present = await measureIngest(
    1,
    "Sentry minified, maps present (warm cache)",
    () => closedLoop(minifiedSentrySpec(maps, plan.durationMs)),
    async () => show("  their issues' culprits", await issueCulprits(db.url, maps.id)),
    maps.id,
  );
  sourcemapPairs.push({ absent, present });
}

/**
 * An error-only scenario (issue 14 §5) right after COPY ceilings of its own, then its issues
 * checked against its events before they are truncated.
 */
async function measureIssueScenario(kind: "distinct" | "storm") {
  const copies = [];
  for (const connections of [1, 2]) {
    const copy = await measureCopy(db.url, db.copyProjectId, plan.copyRows, connections);
    copies.push(copy.rowsPerSecond);
    await db.truncateLogs();
  }
  let check = { bad: -1, issues: 0, events: 0 };
  const label =
    kind === "distinct"
      ? `errors, distinct issues (pool ${args["issue-pool"]}) batch ${issueBatch}`
      : `errors, one-issue storm batch ${issueBatch}`;
  const figure = await measureIngest(
    issueBatch,
    label,
    () => closedLoop(ingestSpec(issueBatch, plan.durationMs, kind)),
    async () => {
      check = await db.issueMismatches(db.projectId);
    },
  );
  show(`  ${kind}: COPY rows/s 1/2 conn`, {
    one: round(copies[0] ?? 0),
    two: round(copies[1] ?? 0),
    issues: check.issues,
    countsExact: check.bad === 0,
    mismatches: check.bad,
  });
  results.issueScenarios.push({
    kind,
    figure,
    copy1: copies[0] ?? Number.NaN,
    copy2: copies[1] ?? Number.NaN,
    issues: check.issues,
    mismatches: check.bad === 0 ? 0 : Math.max(1, check.bad),
  });
}

/** OTLP protobuf and native ingest of the events it decodes to, back to back. */
async function measureOtlp(rep: number) {
  const sameEvents = () =>
    measureIngest(otlpBatch, `native batch ${otlpBatch}, the OTLP bodies' events`, () =>
      closedLoop(otlpNativeSpec(plan.durationMs)),
    );
  const otlp = () =>
    measureIngest(otlpBatch, `OTLP protobuf batch ${otlpBatch}`, () =>
      closedLoop(otlpSpec(plan.durationMs)),
    );
  if (rep % 2 === 1) {
    const native = await sameEvents();
    return { sameEvents: native, otlp: await otlp() };
  }
  const figure = await otlp();
  return { sameEvents: await sameEvents(), otlp: figure };
}

async function measureCopies() {
  for (const connections of [1, 2]) {
    const copy = await measureCopy(db.url, db.copyProjectId, plan.copyRows, connections);
    (connections === 1 ? results.copy1 : results.copy2).push({
      perSecond: copy.rowsPerSecond,
      cpuUs: copy.dbCpuUsPerRow,
    });
    show(`COPY ${connections} conn`, {
      rowsPerSecond: round(copy.rowsPerSecond),
      dbCpuUsPerRow: round(copy.dbCpuUsPerRow, 1),
    });
    await db.truncateLogs();
  }
}

async function measureTrivial() {
  const trivial = await metered(() => closedLoop(trivialSpec(plan.durationMs)));
  const trivialFigure = {
    perSecond: trivial.run.requests / trivial.run.seconds,
    cpuUs: (trivial.serverCpuMs * 1000) / Math.max(1, trivial.run.requests),
  };
  results.trivial.push(trivialFigure);
  show("trivial (POST without key)", {
    requestsPerSecond: round(trivialFigure.perSecond),
    serverCpuUsPerRequest: round(trivialFigure.cpuUs),
    statuses: trivial.run.statusCounts,
  });
}

/** Latency at half load, right after the peak it halves (the machine's capacity drifts). */
async function measureHalfLoad(batchSize: number, peak: IngestFigure) {
  const ratePerSecond = peak.requestsPerSecond / 2;
  const figure = await measureIngest(
    batchSize,
    `batch ${batchSize} at ½ peak (${round(ratePerSecond)} req/s)`,
    () => openLoop({ ...ingestSpec(batchSize, plan.durationMs), ratePerSecond }),
  );
  const list = results.halfLoad.get(batchSize) ?? [];
  results.halfLoad.set(batchSize, [...list, { ...figure, offeredPerSecond: ratePerSecond }]);
}
