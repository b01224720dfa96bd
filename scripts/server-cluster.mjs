// `LOGWELL_PROCESSES=N npm start`: N server processes behind one port (node:cluster), so one
// machine's cores all serve. One Node process runs JavaScript on one core, and at big batches
// ingest is bound by that core while the others idle (docs/performance.md). Every process is a
// full scripts/server.mjs; what they share lives in Postgres and Redis, as it does for several
// machines or serverless instances: migrations and prunes take advisory locks, setup tokens are
// rows, AUTH_SECRET comes from the environment. What cannot be shared refuses or warns here.
import cluster from "node:cluster";

/** A count setting: `unset` when empty, `auto` for "auto", else an integer ≥ min (or an error). */
function countSetting(name, value, { unset, auto, min, expected }) {
  const text = (value ?? "").trim().toLowerCase();
  if (text === "") return unset;
  if (text === "auto") return auto;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) {
    throw new Error(`${name} must be ${expected} or "auto", not ${JSON.stringify(value)}`);
  }
  return n;
}

/** How many processes LOGWELL_PROCESSES asks for ("auto": one per core); 1 when unset. */
export function processCount(value, cores) {
  return countSetting("LOGWELL_PROCESSES", value, {
    unset: 1,
    auto: cores,
    min: 1,
    expected: "a positive integer",
  });
}

/**
 * Preparation threads per process (LOGWELL_INGEST_THREADS, lib/ingest/prepare/prepare-threads.ts):
 * "auto" (the default) leaves one core per process for its main thread, at most 4 threads.
 */
export function ingestThreadCount(value, cores, processes) {
  const auto = Math.max(0, Math.min(4, Math.floor(cores / processes) - 1));
  return countSetting("LOGWELL_INGEST_THREADS", value, {
    unset: auto,
    auto,
    min: 0,
    expected: "a whole number (0 turns threads off)",
  });
}

/** Forks `count` workers, replaces one that dies, and stops them all on SIGTERM/SIGINT. */
export function superviseWorkers(count, env, log) {
  if (!env.DATABASE_URL && !env.POSTGRES_URL) {
    // PGlite is a folder one process holds (lib/db/data-dir-lock.ts): a second would be refused.
    log(
      "error",
      "LOGWELL_PROCESSES > 1 needs a server database (DATABASE_URL); the embedded one serves one process",
    );
    process.exit(1);
  }
  const sharedLimiter = env.REDIS_URL || env.UPSTASH_REDIS_REST_URL || env.KV_REST_API_URL;
  if (!sharedLimiter) {
    log(
      "warn",
      `rate limits are kept in each process's memory: with ${count} processes a client gets up to ${count}× its limit; set REDIS_URL or Upstash to share them`,
    );
  }
  let stopping = false;
  /** Live workers: id → when it was forked. */
  const started = new Map();
  const fork = () => started.set(cluster.fork().id, Date.now());
  for (let i = 0; i < count; i++) fork();
  log("info", "logwell supervisor started", { processes: count });

  cluster.on("exit", (worker, code, signal) => {
    const ranMs = Date.now() - (started.get(worker.id) ?? 0);
    started.delete(worker.id);
    if (stopping) {
      if (started.size === 0) process.exit(0);
      return;
    }
    log("error", "server process exited; starting another", { code, signal, ranMs });
    // A process that dies at once (bad configuration) would otherwise restart in a tight loop.
    setTimeout(() => stopping || fork(), ranMs < 5_000 ? 2_000 : 0);
  });

  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    log("info", "shutting down", { signal });
    // Each process finishes its in-flight requests (bounded by its own 10 s deadline).
    if (started.size === 0) process.exit(0);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    setTimeout(() => process.exit(1), 15_000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}
