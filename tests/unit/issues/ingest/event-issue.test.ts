import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import type { NormalizedEvent } from "@/lib/ingest/normalize/schema";
import { groupEvent } from "@/lib/issues/grouping";
import { assignIssues } from "@/lib/issues/ingest/event-issue";
import { issueIdFor } from "@/lib/issues/issue-id";

// Grouping once per distinct input within a request (assignIssues) gives every event exactly
// what grouping it alone gives.
const projectId = "7d3c1e1a-2b4f-4c5d-8e6f-708192a3b4c5";
const stacks = [
  null,
  "TypeError: a is undefined\n    at total (https://x.example/app-3f2a9c.js:1:2)",
  "TypeError: a is undefined\n    at render (https://x.example/app-8d01ee.js:9:9)",
  "render@https://x.example/app.js:1:1",
];

const eventArb = fc.record({
  level: fc.constantFrom("info", "warn", "error", "fatal"),
  message: fc.constantFrom("TypeError: a is undefined", "order 8812 failed", "hello"),
  stack: fc.constantFrom(...stacks),
  url: fc.constantFrom(null, "https://x.example/cart?x=1"),
  attributes: fc.constantFrom(
    null,
    { fingerprint: ["{{ default }}", "eu"] },
    { fingerprint: ["eu"] },
    { exception: [{ type: "RangeError", value: "bad" }] },
  ),
});

test.prop([fc.array(eventArb, { maxLength: 30 })])(
  "each event gets the issue grouping it alone gives",
  (specs) => {
    const events = specs.map(
      (s, i): NormalizedEvent => ({
        clientId: `e${i}`,
        timestamp: null,
        logger: null,
        release: null,
        environment: null,
        sessionId: null,
        userId: null,
        traceId: null,
        clientUserAgent: null,
        truncatedFields: [],
        normalizedFields: [],
        ...s,
        level: s.level as NormalizedEvent["level"],
      }),
    );
    const any = assignIssues(projectId, events);
    for (const event of events) {
      const alone = groupEvent(event);
      expect(event.issue?.key ?? null).toBe(alone?.key ?? null);
      expect(event.issue?.title ?? null).toBe(alone?.title ?? null);
      expect(event.issue?.culprit ?? null).toBe(alone?.culprit ?? null);
      if (alone) expect(event.issue?.id).toBe(issueIdFor(projectId, alone.version, alone.key));
    }
    expect(any).toBe(events.some((e) => e.issue !== undefined));
  },
);
