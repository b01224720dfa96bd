// The ingest endpoint's two Web handlers. app/api/v1/logs/route.ts serves them through Next;
// `npm start` also serves them directly (lib/http/direct-lane.ts): the same code either way.
import { withRequestContext } from "@/lib/http/respond";
import { ingestLogs } from "./ingest";
import { ingestPreflight } from "./request/preflight";

export const postLogs = (request: Request) => withRequestContext(request, (ctx) => ingestLogs(ctx));

export const preflightLogs = (request: Request) =>
  withRequestContext(request, (ctx) => ingestPreflight(ctx));
