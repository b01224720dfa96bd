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

/** What an error answers, before a protocol writes it in its own shape. */
export interface ErrorAnswer {
  status: number;
  code: string;
  message: string;
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** The one place errors become statuses: ApiError by its code, outages 503, the rest 500. */
export function errorAnswer(ctx: RequestContext, err: unknown): ErrorAnswer {
  if (err instanceof ApiError) {
    const { body, headers } = err.details;
    return { status: err.status, code: err.code, message: err.message, body, headers };
  }
  if (isDatabaseUnavailable(err)) {
    logger.warn({ err, requestId: ctx.requestId }, "database unavailable");
    return {
      status: 503,
      code: "unavailable",
      message: "The database is unavailable; nothing was stored. Retry later.",
      headers: { "retry-after": "5" },
    };
  }
  logger.error({ err, requestId: ctx.requestId }, "unhandled error");
  return { status: 500, code: "internal", message: "Internal error." };
}

/** The JSON error envelope (docs/api.md). */
export function errorResponse(ctx: RequestContext, err: unknown): Response {
  const { status, code, message, body, headers } = errorAnswer(ctx, err);
  return json(ctx, status, { error: code, message, ...body, request_id: ctx.requestId }, headers);
}
