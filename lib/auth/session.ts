import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/lib/db/client";
import { uncachedAuth } from "./config";
import type { UserPrincipal } from "./principal";
import { loadSessionUser } from "./sessions";

export type { UserPrincipal } from "./principal";

/** One session lookup per render, however many components ask. */
export const auth = cache(uncachedAuth);

/**
 * The signed-in user as the database has it now, through the session's row (lib/auth/sessions.ts):
 * a sign-out, a revoked session, a deleted user or a changed role takes effect on the next
 * request, not when the cookie expires. Null when signed out.
 */
export const currentUser = cache(async (): Promise<UserPrincipal | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  const sessionId = session?.sessionId;
  if (!userId || !sessionId) return null;
  return loadSessionUser(await getDb(), { userId, sessionId });
});

/** The id of this browser's session row, for actions that end the others. */
export async function currentSessionId(): Promise<string | null> {
  return (await auth())?.sessionId ?? null;
}

/** Server components and server actions: the signed-in user or redirect("/login"). */
export async function requirePageUser(): Promise<UserPrincipal> {
  const user = await currentUser();
  if (!user) redirect("/login");
  return user;
}
