"use server";

import { cookies } from "next/headers";
import { parseTheme, themeCookie } from "@/app/_ui/theme";
import { signOut } from "@/lib/auth/config";
import { requirePageUser } from "@/lib/auth/session";

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}

/** The viewer's choice of colour scheme, for a year; "system" follows the device again. */
export async function setThemeAction(form: FormData): Promise<void> {
  await requirePageUser();
  const theme = parseTheme(String(form.get("theme") ?? ""));
  const jar = await cookies();
  if (theme === "system") jar.delete(themeCookie);
  else jar.set(themeCookie, theme, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
}
