import { performance } from "node:perf_hooks";
import { type HttpReply, keepAliveAgent, sendRequest } from "./http-post";

/**
 * HTTP load for the benchmark: node:http over keep-alive connections, cheap per request.
 * Closed loop (N connections, each sends as soon as its last reply arrived) finds the peak;
 * open loop (fixed arrival rate) measures latency at a chosen load, timed from the *scheduled*
 * send so a stalled server cannot hide its queueing delay (coordinated omission).
 */
export interface LoadSpec {
  url: URL;
  method: "GET" | "POST";
  headers: Record<string, string>;
  /** Body for the seq-th request (undefined for GET). */
  body: (seq: number) => Buffer | undefined;
  connections: number;
  durationMs: number;
  timeoutMs?: number;
  /** Events a 2xx reply acknowledged; default: the native answer's `accepted`. */
  acceptedOf?: (reply: HttpReply) => number;
}

/** `accepted` of a native ingest answer (0 for other routes). */
function nativeAccepted(reply: HttpReply): number {
  const accepted = reply.body.startsWith("{")
    ? (JSON.parse(reply.body) as { accepted?: unknown }).accepted
    : undefined;
  return typeof accepted === "number" ? accepted : 0;
}

export interface LoadRun {
  seconds: number;
  requests: number;
  /** 2xx replies. */
  ok: number;
  /** Events the 2xx replies acknowledged (LoadSpec.acceptedOf; 0 for other routes). */
  acceptedEvents: number;
  networkErrors: number;
  statusCounts: Record<string, number>;
  latenciesMs: number[];
}

function emptyRun(): LoadRun {
  return {
    seconds: 0,
    requests: 0,
    ok: 0,
    acceptedEvents: 0,
    networkErrors: 0,
    statusCounts: {},
    latenciesMs: [],
  };
}

async function sendOne(
  spec: LoadSpec,
  agent: ReturnType<typeof keepAliveAgent>,
  seq: number,
  run: LoadRun,
  scheduledAt: number,
) {
  try {
    const reply = await sendRequest(
      agent,
      spec.url,
      spec.method,
      spec.headers,
      spec.body(seq),
      spec.timeoutMs ?? 30_000,
    );
    run.statusCounts[reply.status] = (run.statusCounts[reply.status] ?? 0) + 1;
    if (reply.status >= 200 && reply.status < 300) {
      run.ok++;
      run.acceptedEvents += (spec.acceptedOf ?? nativeAccepted)(reply);
    }
  } catch {
    run.networkErrors++;
  }
  run.requests++;
  run.latenciesMs.push(performance.now() - scheduledAt);
}

export async function closedLoop(spec: LoadSpec): Promise<LoadRun> {
  const agent = keepAliveAgent(spec.connections);
  const run = emptyRun();
  let seq = 0;
  const started = performance.now();
  const deadline = started + spec.durationMs;
  const worker = async () => {
    while (performance.now() < deadline) await sendOne(spec, agent, seq++, run, performance.now());
  };
  await Promise.all(Array.from({ length: spec.connections }, worker));
  run.seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return run;
}

export async function openLoop(spec: LoadSpec & { ratePerSecond: number }): Promise<LoadRun> {
  const agent = keepAliveAgent(spec.connections);
  const run = emptyRun();
  const started = performance.now();
  const total = Math.floor((spec.ratePerSecond * spec.durationMs) / 1000);
  const inFlight = new Set<Promise<void>>();
  for (let seq = 0; seq < total; seq++) {
    const scheduledAt = started + (seq * 1000) / spec.ratePerSecond;
    const wait = scheduledAt - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    // More outstanding requests than connections would only queue inside the agent; the
    // latency clock is already running from scheduledAt either way.
    while (inFlight.size >= spec.connections * 4) await Promise.race(inFlight);
    const p: Promise<void> = sendOne(spec, agent, seq, run, scheduledAt).then(() => {
      inFlight.delete(p);
    });
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  run.seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return run;
}
