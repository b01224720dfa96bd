import "server-only";
import { headers } from "next/headers";

/** This deployment's public origin as the browser reached it, for copy-paste snippets. */
export async function siteOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host")?.split(",")[0]?.trim() || h.get("host") || "localhost";
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  return `${proto === "https" ? "https" : "http"}://${host}`;
}
