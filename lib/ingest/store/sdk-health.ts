import { getTableColumns, type SQL, sql } from "drizzle-orm";
import { getTableConfig, type PgColumn, type PgInsertValue } from "drizzle-orm/pg-core";
import type { Db } from "@/lib/db/open";
import { clientDrops, releaseSessions } from "@/lib/db/schema";
import type { SdkHealth } from "@/lib/ingest/decode/sentry/sdk-health";

// Release health and client drops, added to their day's counters in one transaction: a
// report is counted whole or not at all. Written before the request's events, so a failure
// here stores nothing; once the events are committed the answer is a 200 (docs/api.md).

export async function addSdkHealth(db: Db, projectId: string, health: SdkHealth): Promise<void> {
  if (health.sessions.length === 0 && health.drops.length === 0) return;
  await db.transaction(async (tx) => {
    const sessions = health.sessions.map((s) => ({ projectId, ...s }));
    if (sessions.length > 0) await addCounts(tx, releaseSessions, sessions);
    const drops = health.drops.map((d) => ({ projectId, ...d }));
    if (drops.length > 0) await addCounts(tx, clientDrops, drops);
  });
}

/**
 * Adds rows to a daily counter table (lib/db/schema/sdk-health.ts): where its key (the
 * table's primary key) already has a row, that row's counts (every other column) grow by
 * the new row's instead.
 */
async function addCounts<Table extends typeof releaseSessions | typeof clientDrops>(
  db: Db,
  table: Table,
  rows: PgInsertValue<Table>[],
): Promise<void> {
  // By name: the primary key holds its own copies of the columns.
  const keyNames = new Set(getTableConfig(table).primaryKeys[0]?.columns.map((c) => c.name));
  const key: PgColumn[] = [];
  const set: Record<string, SQL> = {};
  for (const [name, column] of Object.entries(getTableColumns(table))) {
    if (keyNames.has(column.name)) key.push(column);
    else set[name] = sql`${column} + excluded.${sql.identifier(column.name)}`;
  }
  await db.insert(table).values(rows).onConflictDoUpdate({ target: key, set });
}
