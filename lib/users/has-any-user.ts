import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";

/** False only on a fresh deployment, before the first owner exists (then /setup is offered). */
export async function hasAnyUser(db: Db): Promise<boolean> {
  const [row] = await queryRows<{ exists: boolean }>(
    db,
    sql`select exists (select 1 from users) as "exists"`,
  );
  return Boolean(row?.exists);
}
