import { getTableColumns, type SQL, sql } from "drizzle-orm";
import { getTableConfig, type PgColumn, type PgInsertValue } from "drizzle-orm/pg-core";
import type { Db } from "@/lib/db/open";
import { clientDrops, releaseSessions } from "@/lib/db/schema";
import { hasSdkHealth, type SdkHealth } from "@/lib/ingest/decode/sentry/sdk-health";
import type { NormalizedEvent } from "@/lib/ingest/normalize/schema";
import { insertEventsInTransaction, type RequestFacts, type StoreResult } from "./store";

// Release health and client drops, added to their day's counters in one transaction: a
// report is counted whole or not at all, and with the request's events when it has any, so a
// request is stored whole or not at all (a failure answer means nothing was written,
// docs/api.md). Sentry SDKs send sessions and client reports mostly in envelopes of their own;
// an envelope holding both counters and events takes the INSERT path in the counters'
// transaction, and one holding only events keeps the COPY (store.ts).

export async function addSdkHealth(db: Db, projectId: string, health: SdkHealth): Promise<void> {
  if (!hasSdkHealth(health)) return;
  await db.transaction((tx) => addSdkHealthIn(tx, projectId, health));
}

/** The counters and the events in ONE transaction: both are committed, or neither. */
export function insertEventsWithSdkHealth(
  db: Db,
  facts: RequestFacts,
  events: readonly NormalizedEvent[],
  health: SdkHealth,
): Promise<StoreResult> {
  return db.transaction(async (tx) => {
    await addSdkHealthIn(tx, facts.projectId, health);
    return insertEventsInTransaction(tx, facts, events);
  });
}

async function addSdkHealthIn(tx: Db, projectId: string, health: SdkHealth): Promise<void> {
  const sessions = health.sessions.map((s) => ({ projectId, ...s }));
  if (sessions.length > 0) await addCounts(tx, releaseSessions, sessions);
  const drops = health.drops.map((d) => ({ projectId, ...d }));
  if (drops.length > 0) await addCounts(tx, clientDrops, drops);
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
