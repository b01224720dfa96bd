// Who calls the API in the authorization tests (TC-13), the credentials each one sends, and
// one way to call a route as them. The cast and its server: fixtures.ts.
import type { CastServer } from "./fixtures";

export const principals = [
  "anonymous",
  "owner",
  "admin",
  "viewer",
  "tokenAdmin",
  "tokenViewer",
  "revokedToken",
  "ingestKeyAsBearer",
  "garbageBearer",
] as const;
export type Who = (typeof principals)[number];

/** Not principals at all: every API answers them 401. */
export const unauthenticated: readonly Who[] = [
  "anonymous",
  "revokedToken",
  "ingestKeyAsBearer",
  "garbageBearer",
];
/** May change projects and keys. */
export const managers: readonly Who[] = ["owner", "admin", "tokenAdmin"];
/** May read what they see, change nothing. */
export const readers: readonly Who[] = ["viewer", "tokenViewer"];

/** A matrix cell's status for `who`: 401 when unauthenticated, else the reader's or the manager's. */
export function expectedStatus(who: Who, want: { reader: number; manager: number }): number {
  if (unauthenticated.includes(who)) return 401;
  return readers.includes(who) ? want.reader : want.manager;
}

export function headersFor(api: CastServer, who: Who): Record<string, string> {
  const { tokens, ingestKeyA } = api.seeded;
  switch (who) {
    case "anonymous":
      return {};
    case "owner":
    case "admin":
    case "viewer":
      return { cookie: api.cookies[who] };
    case "tokenAdmin":
      return { authorization: `Bearer ${tokens.admin}` };
    case "tokenViewer":
      return { authorization: `Bearer ${tokens.viewer}` };
    case "revokedToken":
      return { authorization: `Bearer ${tokens.revoked}` };
    case "ingestKeyAsBearer":
      return { authorization: `Bearer ${ingestKeyA}` };
    case "garbageBearer":
      return { authorization: "Bearer lw_sec_notARealTokenAtAll0000000000" };
  }
}

export interface ApiAnswer {
  status: number;
  /** The JSON body, or null when the body is empty or not JSON (an export). */
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers of every route's shape
  body: any;
  text: string;
  requestId: string | null;
}

/** `method route` as `who`, with a JSON body when one is given. */
export async function callAs(
  api: CastServer,
  who: Who,
  method: string,
  route: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<ApiAnswer> {
  const res = await fetch(api.server.url + route, {
    method,
    headers: {
      ...headersFor(api, who),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...extraHeaders,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return { status: res.status, body: parsed, text, requestId: res.headers.get("x-request-id") };
}
