import type { NormalizedEvent } from "@/lib/ingest/normalize/schema";
import { type FrameMapping, isIssueMember } from "@/lib/issues/grouping";
import { groupMember } from "./grouping-memo";

// Grouping at ingest: each prepared event (on the main thread or a preparation thread, before
// its row is written) gets the issue it belongs to, so the row carries `issue_id` from the
// start and the counters can be made without a round trip (lib/issues/issue-id.ts).

/** What the issue row is created from and what the event's row carries. */
export interface EventIssue {
  id: bigint;
  key: string;
  version: number;
  title: string;
  culprit: string | null;
  type: string | null;
}

/**
 * Sets `issue` on every event that belongs to one; answers whether any does. An event with a
 * frame mapping (its source maps, lib/sourcemaps/grouping) is grouped by its original frames.
 */
export function assignIssues(
  projectId: string,
  events: readonly NormalizedEvent[],
  mappings?: ReadonlyMap<NormalizedEvent, FrameMapping>,
): boolean {
  let any = false;
  for (const event of events) {
    // Plain logs (most events) leave at the cheap membership test.
    if (!isIssueMember(event)) continue;
    // A storm repeats one error, and most errors repeat: grouped once per process (memo).
    const found = groupMember(projectId, event, mappings?.get(event));
    if (!found) continue;
    const { grouping } = found;
    event.issue = {
      id: found.id,
      key: grouping.key,
      version: grouping.version,
      title: grouping.title,
      culprit: grouping.culprit,
      type: grouping.type,
    };
    any = true;
  }
  return any;
}

export function hasIssueMembers(events: readonly NormalizedEvent[]): boolean {
  return events.some((e) => e.issue !== undefined);
}
