"use server";

import { cookies } from "next/headers";
import { timeDisplayCookie } from "@/app/_ui/viewer-time";

/**
 * The UTC toggle. No session check: it only sets how this browser shows times, and the value
 * is one of two words whatever is posted.
 */
export async function setTimeDisplay(formData: FormData): Promise<void> {
  const jar = await cookies();
  if (formData.get("display") === "utc") {
    jar.set(timeDisplayCookie, "utc", { path: "/", maxAge: 31_536_000, sameSite: "lax" });
  } else {
    jar.delete(timeDisplayCookie);
  }
}
