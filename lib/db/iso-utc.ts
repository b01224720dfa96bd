import { sql } from "drizzle-orm";

/**
 * A timestamptz column as ISO 8601 UTC text with microseconds, made in SQL: a JS Date would
 * drop the microseconds that keyset cursors compare on. `column` is SQL text from the caller's
 * code, never input.
 */
export const isoUtc = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);
