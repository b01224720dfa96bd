import type { ContextHandler } from "@/lib/http/request-context";
import {
  logsEndpoint,
  otlpLogsEndpoint,
  sentryEnvelopeEndpoint,
  sentryStoreEndpoint,
} from "@/lib/ingest/handlers";

// What `npm start`'s direct lane serves itself, bypassing Next's router (lane.ts). Each entry
// is a path and the same handlers its route file in app/ serves through Next, so Vercel and
// `npm run dev` answer alike; a path parameter (a Sentry project number) is read from
// ctx.request.url. A string is the exact path; a RegExp must match the whole path (^…$, held
// by tests/unit/http/direct-lane.test.ts). Anything else, a trailing slash or an encoded form
// of these paths included, goes to Next as before.

export type LaneMethod = "POST" | "OPTIONS";

export interface DirectRoute {
  path: string | RegExp;
  handlers: Partial<Record<LaneMethod, ContextHandler>>;
}

export const directRoutes: readonly DirectRoute[] = [
  { path: "/api/v1/logs", handlers: logsEndpoint },
  { path: "/api/otlp/v1/logs", handlers: otlpLogsEndpoint },
  // Sentry SDKs post with the trailing slash; both forms, as through Next.
  { path: /^\/api\/\d+\/envelope\/?$/, handlers: sentryEnvelopeEndpoint },
  { path: /^\/api\/\d+\/store\/?$/, handlers: sentryStoreEndpoint },
];

/** The route serving `path` (no query string), if the lane serves it. */
export function directRoute(path: string): DirectRoute | undefined {
  for (const route of directRoutes) {
    if (typeof route.path === "string" ? route.path === path : route.path.test(path)) return route;
  }
  return undefined;
}
