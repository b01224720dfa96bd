import type { IpStorage } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { normalizeIp, truncateIp } from "@/lib/http/client-ip";
import { eventCaps } from "@/lib/ingest/normalize/limits";
import { repairString, truncateCodePoints } from "@/lib/ingest/normalize/strings";

// Server-added facts about the sender: stored per the project's privacy setting.

/** The IP as the project keeps it: not at all, /24 (IPv4) or /48 (IPv6), or in full. */
export function storedIp(ip: string, mode: IpStorage): string | null {
  if (mode === "none") return null;
  return mode === "full" ? (normalizeIp(ip) ?? null) : truncateIp(ip);
}

/** The request's user agent, capped (attributes.user_agent overrides it per event). */
export function requestUserAgent(headers: Headers): string | null {
  const ua = headers.get("user-agent");
  return ua ? truncateCodePoints(repairString(ua), eventCaps.userAgentChars) : null;
}

/** ISO country code from the platform; only on Vercel, where the header cannot be forged. */
export function requestCountry(headers: Headers): string | null {
  if (!env().VERCEL) return null;
  const country = headers.get("x-vercel-ip-country")?.toUpperCase();
  return country && /^[A-Z]{2}$/.test(country) ? country : null;
}
