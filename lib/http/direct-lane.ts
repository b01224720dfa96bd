import type { IncomingMessage, ServerResponse } from "node:http";
import { withNodeRequest } from "@/lib/http/node-request";
import { jsonTextOf } from "@/lib/http/respond";
import { staticSecurityHeaders } from "@/lib/http/security-headers";
import { postLogs, preflightLogs } from "@/lib/ingest/handlers";
import { discardMs } from "@/lib/ingest/request/body";
import { logger } from "@/lib/log";

// `npm start`'s direct lane (docs/performance.md): scripts/server.mjs hands POST and OPTIONS
// /api/v1/logs to the ingest's Web handlers itself instead of through Next's router, which
// costs far more CPU per request than node:http itself (docs/performance.md) and bounds both single-event
// ingest and big batches. The handlers are the very ones app/api/v1/logs/route.ts exports, so
// Vercel and `npm run dev` (which serve that route) answer the same; the parity test
// (tests/integration/http/direct-lane.http.test.ts) holds the two lanes to it.

type WebHandler = (request: Request) => Promise<Response>;
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const directRoutes: Record<string, Partial<Record<string, WebHandler>>> = {
  "/api/v1/logs": { POST: postLogs, OPTIONS: preflightLogs },
};

/** What scripts/server.mjs looks for on globalThis after `app.prepare()` (instrumentation.ts). */
export interface DirectLane {
  /** The handler for this request if the lane serves it, else undefined (Next serves it). */
  route(method: string | undefined, url: string | undefined): NodeHandler | undefined;
}

export function offerDirectLane(): void {
  (globalThis as { __logwellDirectLane?: DirectLane }).__logwellDirectLane = { route };
}

function route(method: string | undefined, url: string | undefined): NodeHandler | undefined {
  if (!method || !url) return undefined;
  const query = url.indexOf("?");
  // Exact paths only: anything else ("/api/v1/logs/", encoded forms) keeps Next's behaviour.
  const handler = directRoutes[query === -1 ? url : url.slice(0, query)]?.[method];
  return handler && ((req, res) => serve(handler, req, res));
}

async function serve(handler: WebHandler, req: IncomingMessage, res: ServerResponse) {
  const response = await handler(toWebRequest(req)).catch((err: unknown) => {
    // withRequestContext already maps every error; this is a bug in the bridge itself.
    logger.error({ err }, "direct lane: handler failed");
    return new Response(null, { status: 500, headers: staticSecurityHeaders });
  });
  const text = jsonTextOf(response);
  const payload =
    text === undefined ? Buffer.from(await response.arrayBuffer()) : Buffer.from(text, "utf8");
  res.statusCode = response.status;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  // 204 (the preflight) must not carry one (RFC 9110 §8.6).
  if (response.status !== 204) res.setHeader("content-length", payload.length);
  if (req.complete) {
    res.end(payload);
    return;
  }
  // Answered before the upload finished (413, 401, 429…; the handler drains the rest for up to
  // discardMs):
  // the whole answer goes out now, but the exchange ends only once the body is in. Node closes
  // a `Connection: close` socket as soon as its response ends, which would cut the client off
  // mid-upload, and its write error would then race (and often beat) our answer.
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

function toWebRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (value) for (const item of value) headers.append(name, item);
  }
  // The host plays no part in these handlers; a fixed one cannot make the URL unparsable. The
  // body stays in Node's stream, read (lib/ingest/request/body.ts) only after the key and the rate
  // limit passed, and within its byte caps (threat SIZE-6); the socket gives the address.
  return withNodeRequest(
    new Request(`http://localhost${req.url}`, { method: req.method, headers }),
    req,
  );
}
