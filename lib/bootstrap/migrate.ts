import { lockForTransaction } from "@/lib/db/advisory-lock";
import type { Db } from "@/lib/db/open";
import { type Database, migrateDatabase } from "@/lib/db/open";

/**
 * Applies pending migrations. On a server database an advisory lock, held by a transaction
 * while the migrator works on another pooled connection, makes instances that start together
 * (or a start racing `npm run db:migrate`) take turns instead of running one migration twice.
 * PGlite is one process and is migrated when it is opened.
 */
export async function migrateWithLock(database: Database): Promise<void> {
  if (database.kind === "pglite") {
    await migrateDatabase(database);
    return;
  }
  await database.db.transaction(async (tx) => {
    await lockForTransaction(tx as unknown as Db, "logwell:migrate");
    await migrateDatabase(database);
  });
}
