import type { NormalizedEvent } from "@/lib/ingest/normalize/schema";
import { type FrameMapping, type Grouping, groupEvent } from "@/lib/issues/grouping";
import { issueIdFor } from "@/lib/issues/issue-id";

// What an event's grouping input groups as, kept per process (per preparation thread), so an
// error seen before costs a map lookup instead of a stack parse and two SHA-256 (≈ 6 µs per
// event with 100 distinct issues per batch, docs/performance.md). Grouping is a pure function
// of the input, so a remembered answer is the answer, in any process, whatever the database
// holds. Bounded: at most `memoEntries` inputs of at most `memoInputChars` characters each
// (≈ 8 MB of strings at worst); past that the oldest goes first. Longer inputs are grouped
// every time.

export const memoEntries = 1024;
export const memoInputChars = 4096;

interface Remembered {
  grouping: Grouping | null;
  /** The issue id of the last project this input came from (events of one project repeat). */
  projectId: string;
  id: bigint;
}

const memo = new Map<string, Remembered>();

/**
 * The grouping of a member event and its issue id in `projectId`, or null: no issue. An event
 * with a frame mapping (its source maps) is grouped by it, every time.
 */
export function groupMember(
  projectId: string,
  event: NormalizedEvent,
  mapping?: FrameMapping,
): { grouping: Grouping; id: bigint } | null {
  if (mapping) {
    const grouping = groupEvent(event, mapping);
    return grouping && { grouping, id: issueIdFor(projectId, grouping.version, grouping.key) };
  }
  const input = groupingInputKey(event);
  let entry = input === undefined ? undefined : memo.get(input);
  if (entry === undefined) {
    const grouping = groupEvent(event);
    entry = { grouping, projectId: "", id: 0n };
    if (input !== undefined && input.length <= memoInputChars) remember(input, entry);
  }
  const { grouping } = entry;
  if (!grouping) return null;
  if (entry.projectId !== projectId) {
    entry.id = issueIdFor(projectId, grouping.version, grouping.key);
    entry.projectId = projectId;
  }
  return { grouping, id: entry.id };
}

function remember(input: string, entry: Remembered): void {
  if (memo.size >= memoEntries) memo.delete(memo.keys().next().value as string);
  memo.set(input, entry);
}

/** Inputs remembered now (tests: the memo stays bounded). */
export function groupingMemoSize(): number {
  return memo.size;
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
