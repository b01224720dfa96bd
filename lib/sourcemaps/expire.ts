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

export async function expireSourcemaps(db: Db, now: Date): Promise<ExpiredSourcemaps> {
  const unusedBefore = new Date(now.getTime() - unusedUploadDays * 24 * 60 * 60 * 1000);
  const pendingBefore = new Date(now.getTime() - sourcemapLimits.pendingChunkMs);
  // Files go with their bundle (ON DELETE CASCADE).
  const uploads = await queryRows(
    db,
    sql`DELETE FROM sourcemap_bundles WHERE id IN (
          SELECT id FROM sourcemap_bundles WHERE last_used_at < ${unusedBefore.toISOString()}
          ORDER BY last_used_at LIMIT ${batchSize})
        RETURNING id`,
  );
  const chunks = await queryRows(
    db,
    sql`DELETE FROM sourcemap_chunks WHERE checksum IN (
          SELECT checksum FROM sourcemap_chunks WHERE created_at < ${pendingBefore.toISOString()}
          ORDER BY created_at LIMIT ${batchSize})
        RETURNING checksum`,
  );
  return { uploads: uploads.length, chunks: chunks.length };
}
