import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { eventCaps } from "@/lib/ingest/normalize/limits";
import { normalizeEvent } from "@/lib/ingest/normalize/normalize";
import { type NormalizedEvent, normalizedEventSchema } from "@/lib/ingest/normalize/schema";
import { isCleanString, utf8Length } from "@/lib/ingest/normalize/strings";
import { anyValue, hostileEvent } from "./arbitraries";

// TC-01: the normaliser is total and safe over arbitrary and hostile JSON. fast-check prints the
// seed to replay on failure. CI runs 1,000 per property; LOGWELL_FUZZ_RUNS=10000 for a deep run.
const numRuns = Number(process.env.LOGWELL_FUZZ_RUNS) || 1000;
const receivedAt = new Date("2026-03-01T00:00:00.000Z");
const input = fc.oneof({ weight: 4, arbitrary: hostileEvent }, { weight: 1, arbitrary: anyValue });

/** Every string and key in a value, and its depth (attributes object = 1), iteratively. */
function inspect(value: unknown): { strings: string[]; depth: number } {
  const strings: string[] = [];
  let depth = 0;
  const pending: Array<[unknown, number]> = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, level] = next;
    if (typeof node === "string") strings.push(node);
    if (typeof node !== "object" || node === null) continue;
    depth = Math.max(depth, level);
    for (const [key, child] of Object.entries(node)) {
      if (!Array.isArray(node)) strings.push(key);
      pending.push([child, level + 1]);
    }
  }
  return { strings, depth };
}

/** The event as a client would send it again. */
function toWire(event: NormalizedEvent): Record<string, unknown> {
  const wire: Record<string, unknown> = {
    message: event.message,
    level: event.level,
    id: event.clientId,
    timestamp: event.timestamp,
    logger: event.logger,
    url: event.url,
    stack: event.stack,
    release: event.release,
    environment: event.environment,
    session_id: event.sessionId,
    user_id: event.userId,
    trace_id: event.traceId,
  };
  if (event.attributes) wire.attributes = event.attributes;
  return wire;
}

const content = (event: NormalizedEvent) => {
  const { truncatedFields: _t, normalizedFields: _n, ...rest } = event;
  return JSON.stringify(rest);
};

describe("TC-01 normaliser properties", () => {
  test.prop([input], { numRuns })("never throws; a rejection has a message", (raw) => {
    const result = normalizeEvent(raw, receivedAt);
    if (!result.ok) expect(result.message.length).toBeGreaterThan(0);
  });

  test.prop([input], { numRuns })("output matches the schema, is clean and within caps", (raw) => {
    const result = normalizeEvent(raw, receivedAt);
    if (!result.ok) return;
    const { event } = result;
    expect(normalizedEventSchema.safeParse(event).success).toBe(true);
    const { strings, depth } = inspect(event.attributes);
    for (const s of [...strings, ...Object.values(event).filter((v) => typeof v === "string")]) {
      expect(isCleanString(s as string)).toBe(true);
    }
    expect(depth).toBeLessThanOrEqual(eventCaps.attributesDepth);
    if (event.attributes) {
      expect(utf8Length(JSON.stringify(event.attributes))).toBeLessThanOrEqual(
        eventCaps.attributesBytes,
      );
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // truncated_fields names the message exactly when a clean, unscrubbed message changed.
    const message = (raw as Record<string, unknown>).message;
    if (
      typeof message === "string" &&
      isCleanString(message) &&
      !event.normalizedFields.includes("scrubbed")
    ) {
      expect(event.truncatedFields.includes("message")).toBe(event.message !== message);
    }
  });

  test.prop([input], { numRuns })("is idempotent", (raw) => {
    const first = normalizeEvent(raw, receivedAt);
    if (!first.ok) return;
    const second = normalizeEvent(toWire(first.event), receivedAt);
    if (!second.ok) throw new Error(`re-normalising rejected: ${second.message}`);
    expect(content(second.event)).toBe(content(first.event));
    expect(second.event.truncatedFields).toEqual([]);
  });
});
