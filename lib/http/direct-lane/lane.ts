import type { IncomingMessage, ServerResponse } from "node:http";
import { discardMs } from "@/lib/http/body-source";
import { type ContextHandler, withRequestContext } from "@/lib/http/request-context";
import { JsonResponse } from "@/lib/http/respond";
import { staticSecurityHeaders } from "@/lib/http/security-headers";
import { logger } from "@/lib/log";
import { nodeBodySource } from "./node-body";
import { directRoute, type LaneMethod } from "./routes";

// `npm start`'s direct lane (docs/performance.md): scripts/server.mjs hands the requests of
// routes.ts to their handlers itself instead of through Next's router, which costs far more
// CPU per request than node:http itself and bounds both single-event ingest and big batches.
// The handlers get Node's body stream and socket address in their request context (an
// Ingress); they are the very ones the route files in app/ serve, and the parity test
// (tests/integration/http/direct-lane.http.test.ts) holds the two lanes to the same answers.
// This folder is the only code that touches Node's request (tests/unit/http/direct-lane.test.ts).

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * What scripts/server.mjs finds on globalThis once Next has loaded instrumentation.ts: the one
 * bridge between the launcher (plain JavaScript, outside Next's bundle) and the app's modules,
 * whose state (database pool, key cache, rate limits) the lane must share with Next's routes.
 */
export interface DirectLane {
  /** The handler for this request if the lane serves it, else undefined (Next serves it). */
  route(method: string | undefined, url: string | undefined): NodeHandler | undefined;
}

export function offerDirectLane(): void {
  (globalThis as { __logwellDirectLane?: DirectLane }).__logwellDirectLane = { route };
}

function route(method: string | undefined, url: string | undefined): NodeHandler | undefined {
  if ((method !== "POST" && method !== "OPTIONS") || !url) return undefined;
  const query = url.indexOf("?");
  const handler = directRoute(query === -1 ? url : url.slice(0, query))?.handlers[
    method satisfies LaneMethod
  ];
  return handler && ((req, res) => serve(handler, req, res));
}

async function serve(handler: ContextHandler, req: IncomingMessage, res: ServerResponse) {
  const ingress = { body: nodeBodySource(req), peerIp: req.socket.remoteAddress };
  const response = await withRequestContext(toWebRequest(req), handler, ingress).catch(
    (err: unknown) => {
      // withRequestContext already maps every error; this is a bug in the bridge itself.
      logger.error({ err }, "direct lane: handler failed");
      return new Response(null, { status: 500, headers: staticSecurityHeaders });
    },
  );
  const payload =
    response instanceof JsonResponse
      ? Buffer.from(response.bodyText, "utf8")
      : Buffer.from(await response.arrayBuffer());
  res.statusCode = response.status;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  // 204 (the preflight) must not carry one (RFC 9110 §8.6).
  if (response.status !== 204) res.setHeader("content-length", payload.length);
  if (req.complete) {
    res.end(payload);
    return;
  }
  // Answered before the upload finished (413, 401, 429…; the handler drains the rest for up to
  // discardMs): the whole answer goes out now, but the exchange ends only once the body is in.
  // Node closes a `Connection: close` socket as soon as its response ends, which would cut the
  // client off mid-upload, and its write error would then race (and often beat) our answer.
  res.write(payload);
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, discardMs);
    timer.unref();
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    req.once("end", done);
    req.once("close", done);
  });
  res.end();
}

/**
 * A body-less Request: the body stays in Node's stream (the Ingress), read only after the key
 * and the rate limit passed, and within its byte caps (threat SIZE-6). The host plays no part
 * in the handlers; a fixed one cannot make the URL unparsable.
 */
function toWebRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (value) for (const item of value) headers.append(name, item);
  }
  return new Request(`http://localhost${req.url}`, { method: req.method, headers });
}
