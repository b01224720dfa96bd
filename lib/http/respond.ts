import { isDatabaseUnavailable } from "@/lib/db/errors";
import { staticSecurityHeaders } from "@/lib/http/security-headers";
import { logger } from "@/lib/log";
import { ApiError } from "./errors";
import { requestIdFrom } from "./request-id";

export interface RequestContext {
  request: Request;
  requestId: string;
  /** Headers every response of this request carries (CORS, rate-limit info). */
  headers: Headers;
}

// The text of each JSON answer, for the direct lane (lib/http/direct-lane.ts), which writes it
// to Node's response as is instead of reading it back out of the Response's body stream.
const jsonTexts = new WeakMap<Response, string>();

/** The body json() gave this response, if it made it. */
export function jsonTextOf(response: Response): string | undefined {
  return jsonTexts.get(response);
}

export function json(ctx: RequestContext, status: number, body: unknown, extra?: HeadersInit) {
  const headers = new Headers(ctx.headers);
  headers.set("content-type", "application/json; charset=utf-8");
  headers.set("x-request-id", ctx.requestId);
  headers.set("cache-control", "no-store");
  if (extra) for (const [k, v] of new Headers(extra)) headers.set(k, v);
  const text = JSON.stringify(body);
  const response = new Response(text, { status, headers });
  jsonTexts.set(response, text);
  return response;
}

export function errorResponse(ctx: RequestContext, err: unknown): Response {
  if (err instanceof ApiError) {
    return json(
      ctx,
      err.status,
      { error: err.code, message: err.message, ...err.details.body, request_id: ctx.requestId },
      err.details.headers,
    );
  }
  if (isDatabaseUnavailable(err)) {
    logger.warn({ err, requestId: ctx.requestId }, "database unavailable");
    return json(
      ctx,
      503,
      {
        error: "unavailable",
        message: "The database is unavailable; nothing was stored. Retry later.",
        request_id: ctx.requestId,
      },
      { "retry-after": "5" },
    );
  }
  logger.error({ err, requestId: ctx.requestId }, "unhandled error");
  return json(ctx, 500, {
    error: "internal",
    message: "Internal error.",
    request_id: ctx.requestId,
  });
}

/** Wraps a route handler: request id on every response, errors mapped to the JSON envelope. */
export async function withRequestContext(
  request: Request,
  handler: (ctx: RequestContext) => Promise<Response>,
): Promise<Response> {
  // The security headers start in ctx.headers so that every answer carries them, also over
  // `npm start`'s direct lane, where next.config.ts's headers() never runs.
  const ctx: RequestContext = {
    request,
    requestId: requestIdFrom(request.headers),
    headers: new Headers(staticSecurityHeaders),
  };
  try {
    const response = await handler(ctx);
    response.headers.set("x-request-id", ctx.requestId);
    return response;
  } catch (err) {
    return errorResponse(ctx, err);
  }
}
