import "server-only";
import { eq } from "drizzle-orm";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { uncachedAuth } from "./config";
import type { Principal } from "./principal";

export type UserPrincipal = Extract<Principal, { kind: "user" }>;

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
  return loadUserPrincipal(id);
});

export async function loadUserPrincipal(id: string): Promise<UserPrincipal | null> {
  const [row] = await (await getDb())
    .select({ id: users.id, email: users.email, role: users.role })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  return row ? { kind: "user", ...row } : null;
}

/** Server components and server actions: the signed-in user or redirect("/login"). */
export async function requirePageUser(): Promise<UserPrincipal> {
  const user = await currentUser();
  if (!user) redirect("/login");
  return user;
}
