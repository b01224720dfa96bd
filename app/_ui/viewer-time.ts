import "server-only";
import { cookies } from "next/headers";
import { validZone } from "@/lib/format/time";

/** Set by `ZoneCookieScript` on every page: the browser's own zone. */
export const zoneCookie = "lw_tz";
/** "utc" when the viewer asked to see UTC; absent means their own zone. */
export const timeDisplayCookie = "lw_time";

export interface ViewerTime {
  /** The zone every time on the page is shown in. */
  zone: string;
  /** The browser's zone, when known: what the toggle offers back from UTC. */
  localZone?: string;
  isUtc: boolean;
}

/**
 * The zone to render times in. Until the browser has reported its zone (the very first page a
 * browser opens, normally /login), times are UTC and say so, rather than guessed.
 */
export async function viewerTime(): Promise<ViewerTime> {
  const jar = await cookies();
  const localZone = validZone(jar.get(zoneCookie)?.value);
  const isUtc = jar.get(timeDisplayCookie)?.value === "utc" || !localZone;
  return { zone: isUtc ? "UTC" : (localZone ?? "UTC"), localZone, isUtc };
}
