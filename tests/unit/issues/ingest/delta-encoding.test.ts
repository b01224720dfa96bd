import { expect, test } from "vitest";
import { decodeDeltas, encodeDeltas, type IssueDelta } from "@/lib/issues/ingest/delta";

// The summary that crosses from a preparation thread as arrays reads back field for field.
const deltas: IssueDelta[] = [
  {
    id: "9223372036854775807",
    projectId: "7d3c1e1a-2b4f-4c5d-8e6f-708192a3b4c5",
    key: "05895809e7d5f975f72531e6bd5eaea86b2bb99eb939f130a27ad7a6777f9018",
    version: 1,
    title: 'TypeError: "quoted" \\ and ünïcode 🙂',
    culprit: "total (page.js)",
    type: "TypeError",
    events: 3,
    level: 50,
    firstSeen: 1_700_000_000_000,
    firstRelease: "web@1",
    lastSeen: 1_700_000_000_001,
    lastRelease: null,
    hours: [[1_699_999_200_000, 3]],
    releases: ["web@1"],
    withoutRelease: true,
    environments: ["production"],
    users: ["id:a", "session:b"],
  },
  {
    id: "1",
    projectId: "7d3c1e1a-2b4f-4c5d-8e6f-708192a3b4c5",
    key: "k",
    version: 1,
    title: "hello",
    culprit: null,
    type: null,
    events: 1,
    level: 40,
    firstSeen: 5,
    firstRelease: null,
    lastSeen: 5,
    lastRelease: null,
    hours: [],
    releases: [],
    withoutRelease: false,
    environments: [],
    users: [],
  },
];

test("encoded summaries decode to the same summaries", () => {
  expect(decodeDeltas(encodeDeltas(deltas))).toEqual(deltas);
  expect(decodeDeltas(encodeDeltas([]))).toEqual([]);
});
