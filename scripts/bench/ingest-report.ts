import { median, round } from "./stats";

/** One measured ingest segment (one batch size, one repetition). */
export interface IngestFigure {
  batchSize: number;
  eventsPerSecond: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  lost: number;
  storedUnacked: number;
  /** CPU per stored event: the Node server, and the database's backends. */
  serverCpuUs: number;
  dbCpuUs: number;
  /** Busy share of the whole machine (both cores) during the segment: 1 = saturated. */
  machineBusy: number;
  /** Share of the machine's time the hypervisor gave to other guests (steal). */
  machineSteal?: number;
  /** 8 kB buffers Postgres's checkpointer wrote during the segment (WAL volume starts them). */
  checkpointWrites: number;
  statuses: Record<string, number>;
  /** Open loop only: the arrival rate asked for (req/s). */
  offeredPerSecond?: number;
}

export interface CeilingFigure {
  perSecond: number;
  /** COPY: Postgres backend µs per row; trivial route: server µs per request. */
  cpuUs: number;
}

export interface BenchResults {
  repetitions: number;
  batchSizes: number[];
  copy1: CeilingFigure[];
  copy2: CeilingFigure[];
  trivial: CeilingFigure[];
  static: number[];
  ingest: Map<number, IngestFigure[]>;
  /** Open loop at half the rate the closed loop just before it reached, per repetition. */
  halfLoad: Map<number, IngestFigure[]>;
  /**
   * OTLP protobuf batch 100, each with native ingest of the same events (the JSON of what the
   * OTLP bodies decode to) measured beside it, and the native batch-100 figure before both.
   */
  otlp: Array<{ native: IngestFigure; sameEvents: IngestFigure; otlp: IngestFigure }>;
  /** A Sentry envelope of one event, each with the native batch-1 figure measured just before. */
  sentry: Array<{ native: IngestFigure; sentry: IngestFigure }>;
  /** Error-only batch-100 scenarios (--issues), each with the COPY ceilings measured before it. */
  issueScenarios: IssueScenario[];
  eventsLost: number;
}

export interface IssueScenario {
  kind: "distinct" | "storm";
  figure: IngestFigure;
  /** COPY rows/s over 1 and 2 connections, measured right before the figure. */
  copy1: number;
  copy2: number;
  issues: number;
  /** Issues whose counts differ from their events (must be 0). */
  mismatches: number;
}

export function roundFigure(f: IngestFigure) {
  return {
    ...f,
    eventsPerSecond: round(f.eventsPerSecond),
    requestsPerSecond: round(f.requestsPerSecond),
    p50: round(f.p50, 1),
    p99: round(f.p99, 1),
    serverCpuUs: round(f.serverCpuUs, 1),
    dbCpuUs: round(f.dbCpuUs, 1),
    machineBusy: round(f.machineBusy, 2),
    ...(f.machineSteal !== undefined && { machineSteal: round(f.machineSteal, 3) }),
  };
}

/** Markdown for docs/performance.md, then the ratios the targets are stated in. */
export function printSummary(r: BenchResults): void {
  const med = (b: number, pick: (f: IngestFigure) => number) =>
    median((r.ingest.get(b) ?? []).map(pick));
  const half = (b: number) => r.halfLoad.get(b) ?? [];
  const halfP99 = (b: number) => median(half(b).map((f) => f.p99));
  const medCeiling = (list: CeilingFigure[], pick: (c: CeilingFigure) => number) =>
    median(list.map(pick));
  console.log(`\n## Ingest benchmark (median of ${r.repetitions})\n`);
  console.log(
    "| batch | events/s | req/s | p50 ms | p99 ms | p99 at ½ peak ms | server CPU µs/event | Postgres CPU µs/event | machine busy | lost |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|");
  for (const b of r.batchSizes) {
    const lost = (r.ingest.get(b) ?? []).reduce((s, f) => s + f.lost, 0);
    const cells = [
      b,
      round(med(b, (f) => f.eventsPerSecond)),
      round(med(b, (f) => f.requestsPerSecond)),
      round(
        med(b, (f) => f.p50),
        1,
      ),
      round(
        med(b, (f) => f.p99),
        1,
      ),
      round(halfP99(b), 1),
      round(
        med(b, (f) => f.serverCpuUs),
        1,
      ),
      round(
        med(b, (f) => f.dbCpuUs),
        1,
      ),
      `${round(med(b, (f) => f.machineBusy) * 100)} %`,
      lost + half(b).reduce((sum, f) => sum + f.lost, 0),
    ];
    console.log(`| ${cells.join(" | ")} |`);
  }
  const copy1 = medCeiling(r.copy1, (c) => c.perSecond);
  const copy2 = medCeiling(r.copy2, (c) => c.perSecond);
  const copyCpu = medCeiling(r.copy1, (c) => c.cpuUs);
  const trivial = medCeiling(r.trivial, (c) => c.perSecond);
  const trivialCpu = medCeiling(r.trivial, (c) => c.cpuUs);
  console.log(
    `\nceilings: COPY ${round(copy1)} rows/s (1 conn), ${round(copy2)} rows/s (2 conn), Postgres CPU ${round(copyCpu, 1)} µs/row; trivial route ${round(trivial)} req/s, server CPU ${round(trivialCpu)} µs/request; static chunk ${round(median(r.static))} req/s`,
  );
  const b100Cpu = med(100, (f) => f.serverCpuUs + f.dbCpuUs);
  const b1Cpu = med(1, (f) => f.serverCpuUs);
  const worstHalfP99 = Math.max(...r.batchSizes.map(halfP99));
  // Ratios pair each repetition's figure with the ceiling measured just before it, then take
  // the median of those ratios. The headline COPY ceiling is the 1-connection COPY; the faster
  // of 1 and 2 connections, which gives Postgres both cores to itself, is printed beside it as
  // the stricter figure (docs/performance.md, "Method").
  const batch100 = r.ingest.get(100) ?? [];
  const batch1 = r.ingest.get(1) ?? [];
  const pairRatio = <T>(
    figures: IngestFigure[],
    ceilings: T[],
    pick: (f: IngestFigure, c: T) => number,
  ) =>
    median(
      figures.map((f, i) => (ceilings[i] === undefined ? Number.NaN : pick(f, ceilings[i] as T))),
    );
  const copyPairs = r.copy1.map((c, i) => ({ one: c.perSecond, two: r.copy2[i]?.perSecond ?? 0 }));
  const vsCopy = pairRatio(
    batch100,
    copyPairs,
    (f, c) => f.eventsPerSecond / Math.max(c.one, c.two),
  );
  const vsCopy1 = pairRatio(batch100, copyPairs, (f, c) => f.eventsPerSecond / c.one);
  const vsCopy2 = pairRatio(batch100, copyPairs, (f, c) => f.eventsPerSecond / c.two);
  const vsTrivial = pairRatio(batch1, r.trivial, (f, c) => f.requestsPerSecond / c.perSecond);
  console.log(
    `ratio batch-100 events/s ÷ COPY rows/s (1 connection): ${round(vsCopy1, 2)} (target ≥ 0.60; per repetition, median; stricter: ÷ the faster of 1 and 2 connections ${round(vsCopy, 2)}, ÷ 2-conn ${round(vsCopy2, 2)})`,
  );
  console.log(
    `  by CPU (less load-sensitive than rates): COPY µs/row ÷ batch-100 (server + Postgres) µs/event = ${round(copyCpu / b100Cpu, 2)}`,
  );
  console.log(
    `ratio batch-1 req/s ÷ trivial route req/s: ${round(vsTrivial, 2)} (target ≥ 0.50; per repetition, median)`,
  );
  console.log(
    `  by CPU: trivial µs/request ÷ batch-1 server µs/request = ${round(trivialCpu / b1Cpu, 2)}`,
  );
  console.log(`p99 at half of peak, worst batch size: ${round(worstHalfP99, 1)} ms (target < 50)`);
  for (const f of [...r.halfLoad.values()].flat()) {
    // Offered load the server did not keep up with means the machine's capacity fell (other
    // work) below the peak measured earlier: that p99 is queueing, not the server's latency.
    if (f.offeredPerSecond && f.requestsPerSecond < 0.95 * f.offeredPerSecond) {
      console.log(
        `  batch ${f.batchSize}: served ${round(f.requestsPerSecond)} of ${round(f.offeredPerSecond)} req/s offered (p99 ${round(f.p99)} ms): overloaded, that p99 is queueing`,
      );
    }
    console.log(
      `  batch ${f.batchSize} at ½ peak: p99 ${round(f.p99)} ms; Postgres checkpointer wrote ${f.checkpointWrites} buffers meanwhile; machine ${round(f.machineBusy * 100)} % busy`,
    );
  }
  printOtlp(r.otlp);
  printSentry(r.sentry);
  console.log(`events lost (2xx-acknowledged minus stored): ${r.eventsLost} (must be 0)`);
}

/**
 * OTLP against native ingest of the same events (the goal's ratio), each pair measured back to
 * back; and against native batch 100 of the bench event, whose stored rows are smaller.
 */
function printOtlp(pairs: BenchResults["otlp"]): void {
  if (pairs.length === 0) return;
  const cpu = (f: IngestFigure) => f.serverCpuUs + f.dbCpuUs;
  const otlp = (pick: (f: IngestFigure) => number) => median(pairs.map((p) => pick(p.otlp)));
  const same = (pick: (f: IngestFigure) => number) => median(pairs.map((p) => pick(p.sameEvents)));
  console.log(
    `OTLP protobuf batch 100: ${round(otlp((f) => f.eventsPerSecond))} events/s, p99 ${round(
      otlp((f) => f.p99),
      1,
    )} ms, server CPU ${round(
      otlp((f) => f.serverCpuUs),
      1,
    )} µs/event, machine ${round(otlp((f) => f.machineBusy) * 100)} % busy`,
  );
  console.log(
    `native batch 100 of the same events (the JSON of what the OTLP bodies decode to): ${round(same((f) => f.eventsPerSecond))} events/s, server CPU ${round(
      same((f) => f.serverCpuUs),
      1,
    )} µs/event, Postgres ${round(
      same((f) => f.dbCpuUs),
      1,
    )} µs/event (OTLP: Postgres ${round(
      otlp((f) => f.dbCpuUs),
      1,
    )})`,
  );
  const ratioTo = (base: (p: BenchResults["otlp"][number]) => IngestFigure) => ({
    rate: median(pairs.map((p) => p.otlp.eventsPerSecond / base(p).eventsPerSecond)),
    cpu: median(pairs.map((p) => cpu(base(p)) / cpu(p.otlp))),
  });
  const vsSame = ratioTo((p) => p.sameEvents);
  const vsBench = ratioTo((p) => p.native);
  console.log(
    `ratio OTLP protobuf batch-100 events/s ÷ native batch-100 events/s of the same events: ${round(vsSame.rate, 2)} (target ≥ 0.80; per repetition, median)`,
  );
  console.log(
    `  by CPU: native (server + Postgres) µs/event ÷ OTLP µs/event = ${round(vsSame.cpu, 2)}`,
  );
  console.log(
    `  ÷ native batch 100 of the bench event (less attribute data per row: no resource, scope or mapped keys): ${round(vsBench.rate, 2)}, by CPU ${round(vsBench.cpu, 2)}`,
  );
}

/** Sentry envelopes of one event against native single events, each pair back to back. */
function printSentry(pairs: BenchResults["sentry"]): void {
  if (pairs.length === 0) return;
  const ratio = median(pairs.map((p) => p.sentry.eventsPerSecond / p.native.eventsPerSecond));
  const sentry = (pick: (f: IngestFigure) => number) => median(pairs.map((p) => pick(p.sentry)));
  console.log(
    `Sentry envelope, one event: ${round(sentry((f) => f.eventsPerSecond))} events/s, p99 ${round(
      sentry((f) => f.p99),
      1,
    )} ms, server CPU ${round(
      sentry((f) => f.serverCpuUs),
      1,
    )} µs/event`,
  );
  console.log(
    `ratio Sentry envelope (one event) events/s ÷ native single-event events/s: ${round(ratio, 2)} (target ≥ 0.80; per repetition, median)`,
  );
  const cpu = (f: IngestFigure) => f.serverCpuUs + f.dbCpuUs;
  const cpuRatio = median(pairs.map((p) => cpu(p.native) / cpu(p.sentry)));
  console.log(
    `  by CPU: native (server + Postgres) µs/event ÷ Sentry µs/event = ${round(cpuRatio, 2)}`,
  );
}

/** The error-only scenarios of issue 14 §5, each a ratio to the COPY measured just before it. */
export function printIssueScenarios(list: readonly IssueScenario[]): void {
  if (list.length === 0) return;
  console.log("\n## Issue scenarios (errors only, batch 100; median per scenario)\n");
  console.log(
    "| scenario | events/s | × COPY 1 conn | × faster COPY | p99 ms | server CPU µs/event | Postgres CPU µs/event | machine busy | steal | issues | counts exact |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|---|");
  for (const kind of ["distinct", "storm"] as const) {
    const runs = list.filter((s) => s.kind === kind);
    if (runs.length === 0) continue;
    const med = (pick: (s: IssueScenario) => number) => median(runs.map(pick));
    const cells = [
      kind === "distinct" ? "(a) 100 distinct issues per batch" : "(b) one-issue storm",
      round(med((s) => s.figure.eventsPerSecond)),
      round(
        med((s) => s.figure.eventsPerSecond / s.copy1),
        2,
      ),
      round(
        med((s) => s.figure.eventsPerSecond / Math.max(s.copy1, s.copy2)),
        2,
      ),
      round(
        med((s) => s.figure.p99),
        1,
      ),
      round(
        med((s) => s.figure.serverCpuUs),
        1,
      ),
      round(
        med((s) => s.figure.dbCpuUs),
        1,
      ),
      `${round(med((s) => s.figure.machineBusy) * 100)} %`,
      `${round(med((s) => s.figure.machineSteal ?? 0) * 100, 1)} %`,
      round(med((s) => s.issues)),
      runs.every((s) => s.mismatches === 0) ? "yes" : "NO",
    ];
    console.log(`| ${cells.join(" | ")} |`);
  }
  console.log("goal: ≥ 0.55 × COPY (1 connection) for (a) and (b), counts exact after each run");
}
