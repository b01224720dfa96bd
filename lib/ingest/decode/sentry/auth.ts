import { parseJsonBytes } from "./envelope";
import { own } from "./values";

// Where a Sentry SDK puts its key (the DSN's public key): the `sentry_key` query parameter
// (every JavaScript SDK, so that no header forces a CORS preflight), the `X-Sentry-Auth`
// header (`Sentry sentry_key=…, sentry_version=7, …`: mobile and most server SDKs), or the
// envelope header's `dsn` (tunnels and relays). First match wins, in that order.

const maxAuthHeader = 1024;

/** `sentry_key` from an `X-Sentry-Auth` value; spaces around fields and `=` are ignored. */
export function keyFromSentryAuth(header: string | null): string | undefined {
  if (!header || header.length > maxAuthHeader) return undefined;
  const fields = header.trim().replace(/^sentry\s+/i, "");
  for (const field of fields.split(",")) {
    const at = field.indexOf("=");
    if (at === -1) continue;
    if (field.slice(0, at).trim().toLowerCase() === "sentry_key") {
      return field.slice(at + 1).trim() || undefined;
    }
  }
  return undefined;
}

/** The public key and project number of a DSN (`https://KEY[:secret]@host[/path]/42`). */
export function parseDsn(dsn: string): { key: string; projectNumber: string } | undefined {
  if (dsn.length > maxAuthHeader) return undefined;
  let url: URL;
  try {
    url = new URL(dsn);
  } catch {
    return undefined;
  }
  const key = url.username;
  const projectNumber = url.pathname.split("/").filter(Boolean).pop() ?? "";
  return key ? { key, projectNumber } : undefined;
}

/** The key the request names in its URL or headers (the envelope's `dsn` is read later). */
export function sentryKeyOf(request: Request): string | undefined {
  const query = new URL(request.url).searchParams.get("sentry_key")?.trim();
  return query || keyFromSentryAuth(request.headers.get("x-sentry-auth"));
}

/** The key of the envelope header's `dsn` (the body's first line), for tunnels and relays. */
export function keyInEnvelopeHeader(bytes: Uint8Array): string | undefined {
  const end = bytes.indexOf(0x0a);
  const dsn = own(parseJsonBytes(bytes.subarray(0, end === -1 ? bytes.length : end)), "dsn");
  return typeof dsn === "string" ? parseDsn(dsn)?.key : undefined;
}
