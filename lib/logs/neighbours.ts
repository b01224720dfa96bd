import type { Db } from "@/lib/db/open";
import type { LogDto } from "./dto";
import { fetchPage, type LogScope, positionOf } from "./page-query";
import { withReadTimeout } from "./read-transaction";

export interface Neighbours {
  /** The next event received after this one (toward the newest), if any. */
  newer?: string;
  /** The previous event received before this one, if any. */
  older?: string;
}

/**
 * The event page's previous/next: the events on either side of `log` in its project, in the
 * explorer's order `(received_at, id)`. Two keyset probes of one row each on the index the
 * explorer reads (ASC walks it backwards), so the cost does not grow with the project.
 */
export async function neighbours(
  db: Db,
  scope: LogScope,
  log: Pick<LogDto, "id" | "project_id" | "received_at">,
): Promise<Neighbours> {
  if (!scope.projectIds.includes(log.project_id)) return {};
  const position = positionOf(log);
  const query = { projectIds: [log.project_id], filters: {}, limit: 1 };
  return withReadTimeout(db, async (tx) => {
    const [newer] = await fetchPage(tx, { ...query, after: position });
    const [older] = await fetchPage(tx, { ...query, before: position });
    return { newer: newer?.id, older: older?.id };
  });
}
