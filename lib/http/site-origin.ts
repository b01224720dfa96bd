import "server-only";
import { headers } from "next/headers";

/**
 * This deployment's public origin as the caller reached it, for copy-paste snippets and DSNs:
 * the proxy's forwarded host and scheme when present, else Host, on http unless https.
 */
export function publicOrigin(h: Headers): string {
  const host = h.get("x-forwarded-host")?.split(",")[0]?.trim() || h.get("host") || "localhost";
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  return `${proto === "https" ? "https" : "http"}://${host}`;
}

/** publicOrigin of the request being rendered (server components and actions). */
export async function siteOrigin(): Promise<string> {
  return publicOrigin(await headers());
}
