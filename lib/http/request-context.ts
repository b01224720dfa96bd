import { type BodySource, webBodySource } from "./body-source";
import { requestIdFrom } from "./request-id";
import { errorResponse } from "./respond";
import { staticSecurityHeaders } from "./security-headers";

// What every API handler gets: the request, its id, the headers every answer carries, and
// where its body and its caller's address come from. Through Next, that is the Request itself;
// `npm start`'s direct lane (lib/http/direct-lane/) hands in Node's stream and socket instead,
// as an Ingress, and the handlers cannot tell (but for speed).

export interface RequestContext {
  request: Request;
  requestId: string;
  /** Headers every response of this request carries (security, CORS, rate-limit info). */
  headers: Headers;
  /** The body, read at most once (lib/ingest/request/body.ts keeps the caps). */
  body: BodySource;
  /** The TCP peer's address, when this process saw the socket itself (the direct lane). */
  peerIp: string | undefined;
}

/** What a server that reads the socket itself supplies beside the Request. */
export interface Ingress {
  body: BodySource;
  peerIp: string | undefined;
}

/** An API handler: one shape for Next's route files and the direct lane's table. */
export type ContextHandler = (ctx: RequestContext) => Promise<Response>;

export function requestContext(request: Request, ingress?: Ingress): RequestContext {
  return {
    request,
    requestId: requestIdFrom(request.headers),
    // The security headers start here so that every answer carries them, also over `npm
    // start`'s direct lane, where next.config.ts's headers() never runs.
    headers: new Headers(staticSecurityHeaders),
    body: ingress?.body ?? webBodySource(request),
    peerIp: ingress?.peerIp,
  };
}

/** Runs a handler: request id on every response, errors mapped to the JSON envelope. */
export async function withRequestContext(
  request: Request,
  handler: ContextHandler,
  ingress?: Ingress,
): Promise<Response> {
  const ctx = requestContext(request, ingress);
  try {
    const response = await handler(ctx);
    response.headers.set("x-request-id", ctx.requestId);
    return response;
  } catch (err) {
    return errorResponse(ctx, err);
  }
}
