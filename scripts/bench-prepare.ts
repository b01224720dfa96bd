// `npm run bench:prepare [-- --rounds N] [--events N] [--thread DIST_DIR]`
// In process, no HTTP and no database: CPU µs per event that preparing one batch-100 body costs
// (lib/ingest/prepare/copy-batch.ts prepareCopyBatch: decode, normalise, group, COPY text),
// split by stage, for the three bodies bench:ingest sends at batch 100: OTLP/HTTP protobuf,
// the native JSON of the same events (what the OTLP decoder makes of it), and the native
// benchmark event. Kinds alternate within each round, so a busy machine's drift falls on all
// of them alike; the best round of each is printed with the median. --thread: each body goes
// through a preparation thread of that build (its bundled worker, as on `npm start`), and the
// figure is the whole process's CPU per event (both threads, the messages between them), no
// stages. Method and figures:
// docs/performance.md → OTLP against native ingest.
import path from "node:path";
import { parseArgs } from "node:util";
import { resetEnvCache } from "@/lib/env";
import { type Body, type BodyFormat, decodeBody } from "@/lib/ingest/decode/decoders";
import { prepareBatch } from "@/lib/ingest/normalize/batch";
import { preparationThread } from "@/lib/ingest/prepare/prepare-threads";
import { copyText } from "@/lib/ingest/store/copy-text";
import { issueDeltas } from "@/lib/issues/ingest/delta";
import { assignIssues } from "@/lib/issues/ingest/event-issue";
import { ingestBodies } from "./bench/ingest-body";
import { otlpAsNativeBodies, otlpBodies } from "./bench/otlp-body";
import { median, round } from "./bench/stats";

const { values: args } = parseArgs({
  options: {
    rounds: { type: "string", default: "7" },
    events: { type: "string", default: "20000" },
    thread: { type: "string" },
  },
});
if (args.thread) {
  process.env.LOGWELL_INGEST_WORKER_FILE = path.resolve(args.thread, "logwell-ingest-worker.mjs");
  process.env.LOGWELL_INGEST_THREAD_COUNT = "1";
  resetEnvCache();
}
const batch = 100;
const requestsPerRound = Math.ceil(Number(args.events) / batch);
const facts = {
  projectId: "0190a0e0-0000-7000-8000-000000000001",
  receivedAt: new Date(),
  requestId: "0190a0e0-0000-7000-8000-000000000002",
  userAgent: "bench",
  clientIp: "203.0.113.0",
  country: null,
};
const utf8 = new TextEncoder();

interface Kind {
  name: string;
  format: BodyFormat;
  body: (seq: number) => Body;
}
const kinds: Kind[] = [
  {
    name: "OTLP protobuf",
    format: "otlp-protobuf",
    body: ((make) => (seq: number) => ({ bytes: make(seq) }))(otlpBodies(batch)),
  },
  {
    name: "native, the same events",
    format: "json",
    body: ((make) => (seq: number) => ({ text: make(seq).toString() }))(otlpAsNativeBodies(batch)),
  },
  {
    name: "native, the bench event",
    format: "json",
    body: ((make) => (seq: number) => ({ text: make(seq).toString() }))(ingestBodies(batch)),
  },
];
const stages = ["decode", "normalise", "group", "COPY text"] as const;
type Stage = (typeof stages)[number];

const cpuUs = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/** One round of a kind through a preparation thread: the process's CPU µs per event. */
async function threadRound(kind: Kind, seq0: number): Promise<Record<Stage | "total", number>> {
  const bodies = Array.from({ length: requestsPerRound }, (_, i) => kind.body(seq0 + i));
  const start = cpuUs();
  let events = 0;
  for (const body of bodies) {
    const prepare = preparationThread(Number.MAX_SAFE_INTEGER, true);
    if (!prepare) throw new Error("no preparation thread");
    const batch = await prepare({ ...body, format: kind.format, maxEvents: 1000, facts });
    events += batch.prepared;
  }
  const total = (cpuUs() - start) / events;
  return {
    decode: Number.NaN,
    normalise: Number.NaN,
    group: Number.NaN,
    "COPY text": Number.NaN,
    total,
  };
}

/** One round of a kind: CPU µs per event, in total and by stage. */
function round1(kind: Kind, seq0: number): Record<Stage | "total", number> {
  const bodies = Array.from({ length: requestsPerRound }, (_, i) => kind.body(seq0 + i));
  const spent: Record<Stage, number> = { decode: 0, normalise: 0, group: 0, "COPY text": 0 };
  let events = 0;
  for (const body of bodies) {
    let t = cpuUs();
    const mark = (stage: Stage) => {
      const now = cpuUs();
      spent[stage] += now - t;
      t = now;
    };
    const decoded = decodeBody(kind.format, body, {
      maxEvents: 1000,
      receivedAt: facts.receivedAt,
    });
    mark("decode");
    const prepared = prepareBatch(decoded.events, facts.receivedAt);
    mark("normalise");
    assignIssues(facts.projectId, prepared.events);
    issueDeltas(facts, prepared.events);
    mark("group");
    utf8.encode(copyText(facts, prepared.events));
    mark("COPY text");
    events += prepared.events.length;
  }
  const perEvent = Object.fromEntries(stages.map((s) => [s, spent[s] / events])) as Record<
    Stage,
    number
  >;
  return { ...perEvent, total: stages.reduce((sum, s) => sum + perEvent[s], 0) };
}

const results = new Map(kinds.map((k) => [k.name, [] as Array<Record<Stage | "total", number>>]));
let seq = 0;
for (let r = 0; r <= Number(args.rounds); r++) {
  for (const kind of r % 2 === 0 ? kinds : [...kinds].reverse()) {
    const figure = args.thread ? await threadRound(kind, seq) : round1(kind, seq);
    seq += requestsPerRound;
    if (r > 0) results.get(kind.name)?.push(figure); // round 0 warms up
  }
}
console.log(
  `${Number(args.rounds)} rounds × ${requestsPerRound * batch} events per kind, batch ${batch}; CPU µs per event, best (median)${args.thread ? `, through a preparation thread of ${args.thread} (whole process, no stages)` : ""}`,
);
console.log(`| body | total | ${stages.join(" | ")} |`);
console.log(`|---|---|${stages.map(() => "---|").join("")}`);
const best = new Map<string, number>();
for (const [name, list] of results) {
  const cell = (key: Stage | "total") => {
    const values = list.map((f) => f[key]);
    // Through a thread, only the total is measured.
    if (values.some(Number.isNaN)) return "—";
    return `${round(Math.min(...values), 2)} (${round(median(values), 2)})`;
  };
  best.set(name, Math.min(...list.map((f) => f.total)));
  console.log(`| ${name} | ${cell("total")} | ${stages.map(cell).join(" | ")} |`);
}
const otlp = best.get("OTLP protobuf") ?? Number.NaN;
console.log(
  `native ÷ OTLP (best totals): the same events ${round((best.get("native, the same events") ?? 0) / otlp, 2)}, the bench event ${round((best.get("native, the bench event") ?? 0) / otlp, 2)}`,
);
// The thread is unref'd but its message port may keep the loop alive.
process.exit(0);
