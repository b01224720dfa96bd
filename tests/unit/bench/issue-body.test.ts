import { expect, test } from "vitest";
import { parseEvents } from "@/lib/ingest/decode/native";
import { prepareBatch } from "@/lib/ingest/normalize/batch";
import { groupEvent } from "@/lib/issues/grouping";
import { eventBodies } from "../../../scripts/bench/issue-body";

// The issue scenarios send what they say: "distinct" 100 issues per batch, "storm" one,
// "plain" none, each event valid and uniquely identified.
const keysOf = (body: Buffer) => {
  const { events, errors } = prepareBatch(parseEvents(body.toString(), "json", 1000), new Date());
  expect(errors).toEqual([]);
  expect(new Set(events.map((e) => e.clientId)).size).toBe(events.length);
  return events.map((e) => groupEvent(e)?.key ?? null);
};

test("distinct: 100 issues per batch, the same 100 in every batch by default", () => {
  const first = keysOf(eventBodies("distinct", 100)(0));
  expect(new Set(first).size).toBe(100);
  expect(first.includes(null)).toBe(false);
  expect(new Set(keysOf(eventBodies("distinct", 100)(5)))).toEqual(new Set(first));
  // A larger pool: the next batch's issues are other ones.
  const pooled = eventBodies("distinct", 100, 10_000);
  const next = new Set(keysOf(pooled(1)));
  expect(keysOf(pooled(0)).some((k) => next.has(k))).toBe(false);
});

test("storm: one issue; plain: none", () => {
  const storm = [...keysOf(eventBodies("storm", 100)(0)), ...keysOf(eventBodies("storm", 100)(7))];
  expect(new Set(storm).size).toBe(1);
  expect(storm[0]).not.toBeNull();
  expect(new Set(keysOf(eventBodies("plain", 100)(3)))).toEqual(new Set([null]));
});
