import { sql } from "drizzle-orm";
import { lockForTransaction } from "@/lib/db/advisory-lock";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";

/**
 * Serialises every "create the first owner" path (setup form, env bootstrap) for the rest of the
 * caller's transaction, across processes and instances: without it two transactions can both see
 * "no user yet" and both create an owner (threat AUTH-8, TC-33). Works on PGlite too.
 */
export async function lockFirstOwner(tx: Db): Promise<void> {
  await lockForTransaction(tx, "logwell:first-owner");
}

export async function hasAnyUser(db: Db): Promise<boolean> {
  const [row] = await queryRows<{ any: boolean }>(
    db,
    sql`select exists (select 1 from users) as "any"`,
  );
  return Boolean(row?.any);
}
