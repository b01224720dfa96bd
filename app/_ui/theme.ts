import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { z } from "zod";

// The viewer's colour scheme: the system's unless they chose one (user menu). Kept in a cookie
// so the server renders the right scheme at once: no flash of the other one on load.
export const themeCookie = "logwell-theme";
export const themes = ["system", "light", "dark"] as const;
export type Theme = (typeof themes)[number];

export function parseTheme(value: string | undefined): Theme {
  return z.enum(themes).catch("system").parse(value);
}

/** This request's theme, read once however many components ask (root layout, user menu). */
export const viewerTheme = cache(
  async (): Promise<Theme> => parseTheme((await cookies()).get(themeCookie)?.value),
);
