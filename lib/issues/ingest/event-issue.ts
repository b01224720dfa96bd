import type { NormalizedEvent } from "@/lib/ingest/normalize/schema";
import { type FrameMapping, type Grouping, groupEvent, isIssueMember } from "@/lib/issues/grouping";
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
  // A storm repeats one error: its grouping (a stack parse and two SHA-256) is worked out once
  // per request.
  const ids = new Map<string, bigint>();
  const seen = new Map<string, Grouping | null>();
  for (const event of events) {
    // Plain logs (most events) leave at the cheap membership test.
    if (!isIssueMember(event)) continue;
    const mapping = mappings?.get(event);
    const input = mapping ? undefined : groupingInputKey(event);
    let found = input === undefined ? undefined : seen.get(input);
    if (found === undefined) {
      found = groupEvent(event, mapping);
      if (input !== undefined) seen.set(input, found);
    }
    if (!found) continue;
    const idKey = `${found.version}\n${found.key}`;
    let id = ids.get(idKey);
    if (id === undefined) {
      id = issueIdFor(projectId, found.version, found.key);
      ids.set(idKey, id);
    }
    event.issue = {
      id,
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

/**
 * Everything groupEvent reads of a member event, as one string, so equal strings group alike
 * (the level only decides membership, tested before; the attributes count only by their
 * fingerprint and exception). An event with an exception (Sentry's, one per envelope) is
 * grouped on its own: undefined.
 */
function groupingInputKey(event: NormalizedEvent): string | undefined {
  const attributes = event.attributes;
  if (attributes && Object.hasOwn(attributes, "exception")) return undefined;
  const fingerprint =
    attributes && Object.hasOwn(attributes, "fingerprint")
      ? JSON.stringify(attributes.fingerprint)
      : "";
  return `${event.message}\u0000${event.stack ?? "\u0001"}\u0000${event.url ?? "\u0001"}\u0000${fingerprint}`;
}

export function hasIssueMembers(events: readonly NormalizedEvent[]): boolean {
  return events.some((e) => e.issue !== undefined);
}
