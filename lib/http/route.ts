import { type RequestContext, withRequestContext } from "./request-context";

// The one shape of an API route file (app/api/**/route.ts): `export const GET = route(handler)`.
// The handler gets the request context and the route's params, already awaited; route() gives
// every answer its request id and security headers and maps every error to the JSON envelope
// (lib/http/respond.ts). Authorization stays in the handler: each checks its caller itself.

type Segment<P> = { params: Promise<P> };

export function route<P = Record<string, never>>(
  handler: (ctx: RequestContext, params: P) => Promise<Response>,
): (request: Request, segment: Segment<P>) => Promise<Response> {
  return (request, segment) =>
    withRequestContext(request, async (ctx) => handler(ctx, await segment.params));
}
