import {
  capJsonSize,
  type JsonObject,
  type JsonValue,
  type MemberHook,
  memberJsonBound,
  sanitizeJson,
  sizeMarker,
  type TreeReport,
} from "./json-tree";
import { eventCaps } from "./limits";
import type { FieldMarks } from "./marks";
import { scrubMember } from "./scrub";
import { repairString, truncateCodePoints } from "./strings";

// An event's attributes: its `attributes` object plus every unknown top-level field, copied
// depth-capped, repaired and scrubbed in one pass (json-tree.ts, scrub.ts), then fitted into
// 16 KiB, which is measured by serialising only when the copy's size bound says it might not fit.

type CopyReport = TreeReport & { jsonBytesBound: number };

export function normalizeAttributes(
  attributesRaw: unknown,
  extra: ReadonlyArray<readonly [string, unknown]>,
  marks: FieldMarks,
): { attributes: JsonObject | null; clientUserAgent: string | null } {
  const report: CopyReport = { repaired: false, depthCapped: false, jsonBytesBound: 0 };
  let scrubbed = false;
  const scrub: MemberHook = (key, value) => {
    const kept = scrubMember(key, value);
    if (kept !== value) scrubbed = true;
    return kept;
  };
  const merged = mergeAttributes(attributesRaw, extra, report, marks, scrub);
  if (report.repaired) marks.normalize("attributes");
  if (report.depthCapped) marks.truncate("attributes");
  if (!merged) return { attributes: null, clientUserAgent: null };
  if (scrubbed) marks.normalize("scrubbed");
  const capped = capJsonSize(merged, eventCaps.attributesBytes, report.jsonBytesBound);
  if (capped.truncated) marks.truncate("attributes");
  const ua = capped.value.user_agent;
  return {
    attributes: capped.value,
    // A marker left by the size cap is not a user agent.
    clientUserAgent:
      typeof ua === "string" && ua !== sizeMarker
        ? truncateCodePoints(ua, eventCaps.userAgentChars)
        : null,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The attributes object plus unknown top-level fields (explicit attributes win a clash). */
function mergeAttributes(
  attributesRaw: unknown,
  extra: ReadonlyArray<readonly [string, unknown]>,
  report: CopyReport,
  marks: FieldMarks,
  scrub: MemberHook,
): JsonObject | null {
  const maxDepth = eventCaps.attributesDepth;
  // Members below the root count themselves into report.jsonBytesBound; the root and the
  // members set here are counted here.
  const keep = (key: string, value: JsonValue): JsonValue => {
    const stored = scrub(key, value);
    report.jsonBytesBound += memberJsonBound(key, stored);
    return stored;
  };
  let attributes: JsonObject | null = null;
  if (isObject(attributesRaw)) {
    attributes = sanitizeJson(attributesRaw, 1, report, maxDepth, scrub) as JsonObject;
  } else if (attributesRaw !== undefined && attributesRaw !== null) {
    // An array or scalar is kept, under its own name, rather than dropped.
    attributes = Object.create(null) as JsonObject;
    const value = sanitizeJson(attributesRaw, 2, report, maxDepth, scrub);
    attributes.attributes = keep("attributes", value);
    marks.normalize("attributes");
  }
  for (const [rawKey, value] of extra) {
    attributes ??= Object.create(null) as JsonObject;
    const key = repairString(rawKey);
    if (key !== rawKey) report.repaired = true;
    if (Object.hasOwn(attributes, key)) {
      marks.normalize("attributes");
      continue;
    }
    // Top-level fields land one level below the attributes object.
    attributes[key] = keep(key, sanitizeJson(value, 2, report, maxDepth, scrub));
  }
  if (attributes) report.jsonBytesBound += 2; // the root's braces
  return attributes;
}
