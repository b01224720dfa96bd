import type { Db } from "@/lib/db/open";
import { webBodySource } from "@/lib/http/body-source";
import { withRequestContext } from "@/lib/http/request-context";
import { ingestLogs } from "@/lib/ingest/ingest";

/** Sends one request through the real ingest pipeline (no HTTP server) against `db`. */
export async function postLogs(
  db: Db,
  body: BodyInit | null,
  options: {
    key?: string;
    headers?: Record<string, string>;
    query?: string;
    /** The caller's address, as a server that saw the socket would pass it. */
    peerIp?: string;
    /** The server's clock (received_at). */
    now?: Date;
  } = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const headers = new Headers({ "content-type": "application/json", ...options.headers });
  if (options.key) headers.set("x-logwell-key", options.key);
  const request = new Request(`http://localhost/api/v1/logs${options.query ?? ""}`, {
    method: "POST",
    headers,
    body,
    duplex: "half",
  } as RequestInit);
  const ingress = options.peerIp
    ? { body: webBodySource(request), peerIp: options.peerIp }
    : undefined;
  const response = await withRequestContext(
    request,
    (ctx) => ingestLogs(ctx, { db, now: options.now && (() => options.now as Date) }),
    ingress,
  );
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    headers: response.headers,
  };
}
