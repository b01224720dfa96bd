import type { NormalizedEvent } from "@/lib/ingest/normalize/schema";
import { groupEvent } from "@/lib/issues/grouping";
import { issueIdFor } from "@/lib/issues/issue-id";

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

/** Sets `issue` on every event that belongs to one; answers whether any does. */
export function assignIssues(projectId: string, events: readonly NormalizedEvent[]): boolean {
  let any = false;
  for (const event of events) {
    const found = groupEvent(event);
    if (!found) continue;
    event.issue = {
      id: issueIdFor(projectId, found.version, found.key),
      key: found.key,
      version: found.version,
      title: found.title,
      culprit: found.culprit,
      type: found.type,
    };
    any = true;
  }
  return any;
}

export function hasIssueMembers(events: readonly NormalizedEvent[]): boolean {
  return events.some((e) => e.issue !== undefined);
}
