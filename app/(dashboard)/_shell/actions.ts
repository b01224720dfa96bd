"use server";

import { cookies } from "next/headers";
import { parseTheme, themeCookie } from "@/app/_ui/theme";
import { timeDisplayCookie } from "@/app/_ui/viewer-time";
import { signOut } from "@/lib/auth/config";
import { requirePageUser } from "@/lib/auth/session";

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}

/** How this browser shows the dashboard, for a year; null forgets it (back to the default). */
async function rememberForBrowser(cookie: string, value: string | null): Promise<void> {
  const jar = await cookies();
  if (value === null) jar.delete(cookie);
  else jar.set(cookie, value, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
}

/** The viewer's colour scheme; "system" follows the device again. */
export async function setThemeAction(form: FormData): Promise<void> {
  await requirePageUser();
  const theme = parseTheme(String(form.get("theme") ?? ""));
  await rememberForBrowser(themeCookie, theme === "system" ? null : theme);
}

/** The UTC toggle: times in UTC, or (the default) in the viewer's own zone. */
export async function setTimeDisplayAction(form: FormData): Promise<void> {
  await requirePageUser();
  await rememberForBrowser(timeDisplayCookie, form.get("display") === "utc" ? "utc" : null);
}
