import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { queryRows } from "@/lib/db/query";
import { pgArray } from "./conditions";
import { type LogDto, type LogReadRow, logColumns, toLogDto } from "./dto";
import type { LogScope } from "./page-query";
import { withReadTimeout } from "./read-transaction";

/** Ids are bigint; anything else (or out of range) is simply "not found". */
export function parseLogId(id: string): string | undefined {
  return /^[1-9]\d{0,18}$/.test(id) && BigInt(id) <= 9223372036854775807n ? id : undefined;
}

/**
 * One event, only if it belongs to a project in scope: a foreign id and a missing id both
 * return null, so callers answer the same 404 for both (threat AUTH-3).
 */
export async function getLog(db: Db, scope: LogScope, id: string): Promise<LogDto | null> {
  const logId = parseLogId(id);
  if (!logId || scope.projectIds.length === 0) return null;
  const [row] = await withReadTimeout(db, (tx) =>
    queryRows<LogReadRow>(
      tx,
      sql`SELECT ${logColumns} FROM logs l
          WHERE l.id = ${logId}::bigint AND l.project_id = ANY(${pgArray(scope.projectIds)}::uuid[])`,
    ),
  );
  return row ? toLogDto(row) : null;
}
