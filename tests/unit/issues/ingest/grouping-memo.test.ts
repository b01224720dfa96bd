import { expect, test } from "vitest";
import type { NormalizedEvent } from "@/lib/ingest/normalize/schema";
import { groupEvent } from "@/lib/issues/grouping";
import {
  groupingMemoSize,
  groupMember,
  memoEntries,
  memoInputChars,
} from "@/lib/issues/ingest/grouping-memo";
import { issueIdFor } from "@/lib/issues/issue-id";

// The per-process grouping memo: a remembered input answers what grouping it answers, in every
// project, and the memo never holds more than its bound.
const projects = ["7d3c1e1a-2b4f-4c5d-8e6f-708192a3b4c5", "0e9f3b52-81a4-4d1e-9c3b-6a7d8e9f0a1b"];

function errorEvent(fn: string, extra: Partial<NormalizedEvent> = {}): NormalizedEvent {
  return {
    clientId: "e",
    level: "error",
    message: "TypeError: a is undefined",
    timestamp: null,
    logger: null,
    url: null,
    stack: `TypeError: a is undefined\n    at ${fn} (https://x.example/app-3f2a9c.js:1:2)`,
    release: null,
    environment: null,
    sessionId: null,
    userId: null,
    traceId: null,
    attributes: null,
    clientUserAgent: null,
    truncatedFields: [],
    normalizedFields: [],
    ...extra,
  };
}

test("a remembered input gives the grouping and the issue id of each project", () => {
  const event = errorEvent("total");
  const alone = groupEvent(event);
  if (!alone) throw new Error("the event belongs to an issue");
  for (const round of [0, 1]) {
    for (const projectId of projects) {
      const found = groupMember(projectId, event);
      expect(found?.grouping, `round ${round}`).toEqual(alone);
      expect(found?.id).toBe(issueIdFor(projectId, alone.version, alone.key));
    }
  }
});

test("the memo holds at most its bound, and inputs past the size limit are grouped each time", () => {
  for (let i = 0; i < memoEntries + 50; i++) {
    const event = errorEvent(`fn${String.fromCharCode(97 + (i % 26))}${i.toString(36)}x`);
    expect(groupMember(projects[0] as string, event)?.grouping).toEqual(groupEvent(event));
  }
  expect(groupingMemoSize()).toBe(memoEntries);
  const long = errorEvent("long", { message: `TypeError: ${"x".repeat(memoInputChars)}` });
  const before = groupingMemoSize();
  expect(groupMember(projects[1] as string, long)?.grouping).toEqual(groupEvent(long));
  expect(groupingMemoSize()).toBe(before);
});

test("an event with a Sentry exception is grouped on its own, never from the memo", () => {
  const plain = errorEvent("total");
  const sentry = errorEvent("total", {
    attributes: { exception: [{ type: "RangeError", value: "bad" }] },
  });
  groupMember(projects[0] as string, plain);
  expect(groupMember(projects[0] as string, sentry)?.grouping).toEqual(groupEvent(sentry));
});
