/**
 * A project's Sentry DSN for one ingest key: `<scheme>://<ingest key>@<host>/<number>`. Sentry
 * SDKs post to `<scheme>://<host>/api/<number>/envelope/` with the key as `sentry_key`, which is
 * what app/api/[number]/ answers. `origin` is `scheme://host[:port]` (lib/http/site-origin.ts).
 */
export function sentryDsn(origin: string, ingestKey: string, projectNumber: number): string {
  const at = origin.indexOf("://");
  return `${origin.slice(0, at)}://${ingestKey}@${origin.slice(at + 3)}/${projectNumber}`;
}
