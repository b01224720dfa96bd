import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { users } from "@/lib/db/schema";
import type { Principal } from "./principal";

export type UserPrincipal = Extract<Principal, { kind: "user" }>;

/**
 * The user behind a session as the database has it now: null once deleted, the current role
 * after a change. Sessions carry only the id that leads here.
 */
export async function loadUserPrincipal(db: Db, id: string): Promise<UserPrincipal | null> {
  const [row] = await db
    .select({ id: users.id, email: users.email, role: users.role })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  return row ? { kind: "user", ...row } : null;
}
