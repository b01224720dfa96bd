import { recordAlerts } from "@/lib/alerts/record";
import type { CopyWork } from "@/lib/db/copy";
import type { RunSql } from "@/lib/db/query";
import { addIssueCounts } from "./counters";
import { decodeDeltas, type IssueDelta, mergeDeltas } from "./delta";
import { applyLifecycle } from "./lifecycle";

// Issues at ingest (docs/issues.md → Counting): grouping (event-issue.ts) while a body is
// prepared, a per-issue summary of each request (delta.ts), and, in the transaction that
// commits the events, the counters (counters.ts) and the status changes they cause
// (lifecycle.ts), then the alerts they trigger (lib/alerts/record.ts).

export { type IssueDelta, issueDeltas, mergeDeltas } from "./delta";
export { assignIssues, type EventIssue, hasIssueMembers } from "./event-issue";

/** Counts committed events of several requests at once and applies the lifecycle. */
export async function countIssueEvents(
  run: RunSql,
  perRequest: readonly (readonly IssueDelta[])[],
): Promise<void> {
  const deltas = mergeDeltas(perRequest);
  const { statuses, created } = await addIssueCounts(run, deltas);
  const regressed = await applyLifecycle(run, statuses, deltas);
  // Alert messages go to the outbox in this same transaction (lib/alerts/record.ts).
  await recordAlerts(run, deltas, { created, regressed, statuses });
}

/**
 * A request's issue work in a COPY group commit: merged with the group's, after its COPY. The
 * summary may come as JSON (encodeDeltas, from a preparation thread); it is read once, when the
 * group runs.
 */
export class IssueCopyWork implements CopyWork {
  constructor(private readonly summary: readonly IssueDelta[] | string) {}

  get deltas(): readonly IssueDelta[] {
    const { summary } = this;
    return typeof summary === "string" ? decodeDeltas(summary) : summary;
  }

  runAll(group: readonly CopyWork[], run: RunSql): Promise<void> {
    return countIssueEvents(
      run,
      group.map((work) => (work as IssueCopyWork).deltas),
    );
  }
}
