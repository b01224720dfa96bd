import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { sourcemapLimits } from "./limits";

// Uploads nobody uses go with the prune (lib/retention/prune.ts): an upload not used to map a
// stack for 90 days (last_used_at, moved when a stack is mapped with it), and chunks nobody
// assembled within a day. In bounded batches, like the events; what is left goes next run.

export const unusedUploadDays = 90;
const batchSize = 100;

export interface ExpiredSourcemaps {
  uploads: number;
  chunks: number;
}

/**
 * Deletes at most one batch of `table`'s rows older than `before` by `timeColumn`, oldest
 * first; returns how many went. Names are identifiers from this file, never input.
 */
async function deleteOldestBatch(
  db: Db,
  table: string,
  key: string,
  timeColumn: string,
  before: Date,
): Promise<number> {
  const [t, k, c] = [sql.identifier(table), sql.identifier(key), sql.identifier(timeColumn)];
  const rows = await queryRows(
    db,
    sql`DELETE FROM ${t} WHERE ${k} IN (
          SELECT ${k} FROM ${t} WHERE ${c} < ${before.toISOString()}
          ORDER BY ${c} LIMIT ${batchSize})
        RETURNING ${k}`,
  );
  return rows.length;
}

export async function expireSourcemaps(db: Db, now: Date): Promise<ExpiredSourcemaps> {
  const unusedBefore = new Date(now.getTime() - unusedUploadDays * 24 * 60 * 60 * 1000);
  const pendingBefore = new Date(now.getTime() - sourcemapLimits.pendingChunkMs);
  // Files go with their bundle (ON DELETE CASCADE).
  const uploads = await deleteOldestBatch(
    db,
    "sourcemap_bundles",
    "id",
    "last_used_at",
    unusedBefore,
  );
  const chunks = await deleteOldestBatch(
    db,
    "sourcemap_chunks",
    "checksum",
    "created_at",
    pendingBefore,
  );
  return { uploads, chunks };
}
