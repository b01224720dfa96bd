import type { RequestContext } from "@/lib/http/request-context";
import { errorAnswer, json } from "@/lib/http/respond";

// Sentry's web API answers errors as {"detail": "…"}; sentry-cli prints that detail (and only
// that) when a call fails. The /api/0/ handlers are wrapped in this inside route(), so their
// errors keep the status and message Logwell's own errors decide (lib/http/respond.ts) but are
// written in Sentry's shape.

type Handler<P> = (ctx: RequestContext, params: P) => Promise<Response>;

export function withSentryErrors<P>(handler: Handler<P>): Handler<P> {
  return async (ctx, params) => {
    try {
      return await handler(ctx, params);
    } catch (err) {
      const { status, message, headers } = errorAnswer(ctx, err);
      return json(ctx, status, { detail: message }, headers);
    }
  };
}
