import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/lib/db/client";
import { uncachedAuth } from "./config";
import { loadUserPrincipal, type UserPrincipal } from "./user-principal";

export type { UserPrincipal } from "./user-principal";

/** One session lookup per render, however many components ask. */
export const auth = cache(uncachedAuth);

/**
 * The signed-in user as the database has it now: a deleted user or a changed role takes
 * effect on the next request, not when the 7-day JWT expires. Null when signed out.
 */
export const currentUser = cache(async (): Promise<UserPrincipal | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return loadUserPrincipal(await getDb(), id);
});

/** Server components and server actions: the signed-in user or redirect("/login"). */
export async function requirePageUser(): Promise<UserPrincipal> {
  const user = await currentUser();
  if (!user) redirect("/login");
  return user;
}
