import type { Readable } from "node:stream";

// `npm start`'s direct lane (lib/http/direct-lane.ts) hands the shared Web handlers a body-less
// Request and keeps Node's own request beside it, where no client can reach: the body is then
// read straight from its stream (lib/ingest/request/body.ts, no web-stream layer) and the caller's
// address taken from its socket (lib/http/client-ip.ts, no signed header to check).

/** The parts of Node's IncomingMessage the handlers use. */
export type NodeRequest = Readable & { socket?: { remoteAddress?: string } };

const nodeRequests = new WeakMap<Request, NodeRequest>();

/** Marks `request` as standing for Node's `node` (the direct lane only). */
export function withNodeRequest(request: Request, node: NodeRequest): Request {
  nodeRequests.set(request, node);
  return request;
}

/** The Node request withNodeRequest attached, if any. */
export function nodeRequestOf(request: Request): NodeRequest | undefined {
  return nodeRequests.get(request);
}
