import { isDatabaseUnavailable } from "@/lib/db/errors";
import { logger } from "@/lib/log";
import { ApiError } from "./errors";
import type { RequestContext } from "./request-context";

/**
 * A JSON answer that keeps its text: the direct lane (lib/http/direct-lane/) writes it to
 * Node's response as is instead of reading it back out of the body stream.
 */
export class JsonResponse extends Response {
  constructor(
    readonly bodyText: string,
    init: ResponseInit,
  ) {
    super(bodyText, init);
  }
}

export function json(ctx: RequestContext, status: number, body: unknown, extra?: HeadersInit) {
  const headers = new Headers(ctx.headers);
  headers.set("content-type", "application/json; charset=utf-8");
  headers.set("x-request-id", ctx.requestId);
  headers.set("cache-control", "no-store");
  if (extra) for (const [k, v] of new Headers(extra)) headers.set(k, v);
  return new JsonResponse(JSON.stringify(body), { status, headers });
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
