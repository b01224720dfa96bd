// `npm start`: the self-hosted production server. Next's documented custom-server API
// (`next({ dev: false })` + `getRequestHandler()`) behind our own node:http server, for two
// things `next start` cannot do (docs/rate-limiting.md):
// 1. Client IP (threat RL-1). `next start` keeps a client-sent X-Forwarded-For and only fills
//    it in when absent, so the app cannot tell a forged header from the socket address. Here,
//    forwarding headers the operator did not name in LOGWELL_TRUSTED_PROXY_HEADER are deleted,
//    and the socket address is passed in `x-logwell-peer-ip`, signed with an HMAC under a
//    secret made fresh for this process (lib/http/client-ip.ts checks it). The direct lane (3)
//    hands the address to the app beside the request instead, unsigned and out of clients' reach.
// 2. Slow clients (threats SIZE-3, V-12): Node's defaults let one request take 300 s.
// 3. Speed: POST/OPTIONS of the ingest endpoints go straight to their handlers (the table in
//    lib/http/direct-lane/routes.ts, registered by instrumentation.ts), skipping Next's ~1 ms per
//    request. LOGWELL_DIRECT_LANE=off sends them through Next like every other route.
// 4. Cores: LOGWELL_PROCESSES=N runs N of these processes on one port (scripts/server-cluster.mjs),
//    and each prepares big ingest bodies on LOGWELL_INGEST_THREADS worker threads (default: one
//    per core beyond the first; lib/ingest/prepare/prepare-threads.ts).
// A launcher that runs before the app, so it reads process.env itself (lib/env.ts is TypeScript).
import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { peerIpHeader, peerSignatureHeader, signPeerIp } from "../lib/http/peer-signature.mjs";
import { ingestWorkerFile } from "./build-ingest-worker.mjs";
import { ingestThreadCount, processCount, superviseWorkers } from "./server-cluster.mjs";

const { values: args } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
});
const port = Number(args.port ?? process.env.PORT ?? 3000);
const hostname = args.hostname; // unset: every interface, like `next start`
const positiveInt = (value, fallback) => (Number(value) > 0 ? Number(value) : fallback);
// A whole request, body included (1 MiB at ~300 kbit/s fits); headers must arrive sooner.
const requestTimeoutMs = positiveInt(process.env.LOGWELL_REQUEST_TIMEOUT_MS, 30_000);
const headersTimeoutMs = Math.min(
  positiveInt(process.env.LOGWELL_HEADERS_TIMEOUT_MS, 10_000),
  requestTimeoutMs,
);

process.env.NODE_ENV ??= "production";
// Per process, never configured: the app trusts x-logwell-peer-ip only with this signature.
const peerSecret = randomBytes(32).toString("hex");
process.env.LOGWELL_PEER_IP_SECRET = peerSecret;
const cores = availableParallelism();
const processes = processCount(process.env.LOGWELL_PROCESSES, cores);
const root = fileURLToPath(new URL("..", import.meta.url));
// Preparation threads for big ingest bodies (lib/ingest/prepare/prepare-threads.ts), from the bundle
// `npm run build` leaves in the dist dir. The operator's LOGWELL_INGEST_THREADS ("auto" or a
// count) is read here only; the app gets the count resolved here, and the bundle's path, in
// variables of its own (lib/env.ts), so no setting means two things depending on who reads it.
const workerFile = path.join(root, process.env.LOGWELL_DIST_DIR || ".next", ingestWorkerFile);
const threadsAsked = ingestThreadCount(process.env.LOGWELL_INGEST_THREADS, cores, processes);
const hasWorkerBundle = existsSync(workerFile);
if (threadsAsked > 0 && !hasWorkerBundle && cluster.isPrimary) {
  log("warn", "no ingest worker bundle: every body is prepared on the main thread", {
    expected: workerFile,
    fix: "npm run build",
  });
}
const ingestThreads = hasWorkerBundle ? threadsAsked : 0;
process.env.LOGWELL_INGEST_THREAD_COUNT = String(ingestThreads);
process.env.LOGWELL_INGEST_WORKER_FILE = workerFile;

const trustedHeader = process.env.LOGWELL_TRUSTED_PROXY_HEADER?.trim().toLowerCase() || undefined;
// Headers that claim to carry the client address; a client can send any of them.
const forwardingHeaders = [
  "forwarded",
  "x-forwarded-for",
  "x-real-ip",
  "x-client-ip",
  "x-cluster-client-ip",
  "true-client-ip",
  "cf-connecting-ip",
  "fastly-client-ip",
  "fly-client-ip",
  "x-original-forwarded-for",
  peerIpHeader,
  peerSignatureHeader,
];

function log(level, msg, extra = {}) {
  const levels = { info: 30, warn: 40, error: 50 };
  console.log(
    JSON.stringify({ level: levels[level], time: Date.now(), service: "logwell", msg, ...extra }),
  );
}

/** Deletes every address header a client could have forged (all but the operator's own). */
function dropForwardingHeaders(req) {
  for (const name of forwardingHeaders) {
    if (name !== trustedHeader) delete req.headers[name];
  }
}

/** For Next's routes: the socket address, signed (the direct lane reads the socket itself). */
function signPeer(req) {
  const ip = req.socket.remoteAddress;
  if (ip) {
    req.headers[peerIpHeader] = ip;
    req.headers[peerSignatureHeader] = signPeerIp(ip, peerSecret);
  }
}

if (cluster.isPrimary && processes > 1) superviseWorkers(processes, process.env, log);
else await serve();

async function serve() {
  const { default: next } = await import("next");
  const server = createServer({
    requestTimeout: requestTimeoutMs,
    headersTimeout: headersTimeoutMs,
    // Node checks those timeouts on this interval (default 30 s, which would blur them).
    connectionsCheckingInterval: 1_000,
  });
  const app = next({ dev: false, dir: root, hostname, port, httpServer: server });
  const handle = app.getRequestHandler();
  await app.prepare();
  // Set by instrumentation.ts once Next has loaded it (same process, same module instances);
  // Next may do that after prepare() returns, so it is looked up per request.
  const directLaneOn = process.env.LOGWELL_DIRECT_LANE !== "off";

  server.on("request", (req, res) => {
    const direct = directLaneOn
      ? globalThis.__logwellDirectLane?.route(req.method, req.url)
      : undefined;
    dropForwardingHeaders(req);
    if (!direct) signPeer(req);
    (direct ? direct(req, res) : handle(req, res)).catch((err) => {
      log("error", "request handler failed", { err: String(err?.stack ?? err) });
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end();
    });
  });

  server.listen(port, hostname, () => {
    log("info", "logwell listening", {
      url: `http://${hostname ?? "localhost"}:${port}`,
      trustedProxyHeader: trustedHeader ?? null,
      directLane: directLaneOn,
      ingestThreads,
      ...(cluster.isWorker ? { pid: process.pid, processes } : {}),
      requestTimeoutMs,
      headersTimeoutMs,
    });
  });

  let stopping = false;
  function stop(signal) {
    if (stopping) return;
    stopping = true;
    log("info", "shutting down", { signal });
    // In-flight requests may finish (bounded); idle keep-alive sockets close now.
    const deadline = setTimeout(() => process.exit(1), 10_000);
    deadline.unref();
    server.close(async () => {
      // The app's last words once every request has answered: the ingest-health tally is
      // flushed (lib/ingest/accounting/timer.ts), so a restart loses none of its counts.
      for (const hook of [...(globalThis.__logwellShutdownHooks ?? [])]) {
        await hook().catch((err) => log("warn", "shutdown hook failed", { err: String(err) }));
      }
      await app.close().catch(() => {});
      process.exit(0);
    });
    server.closeIdleConnections();
  }
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}
