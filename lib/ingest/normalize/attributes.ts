import {
  capJsonSize,
  isJsonObject,
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

type CopyReport = TreeReport & { jsonBytesBound: number; scrubbed: boolean };

/**
 * Top-level container values that several events of one request hold by identity (an OTLP
 * request's `resource` and `scope` sit in every record's event): each is copied, repaired and
 * scrubbed once per request, and every event stores that copy with what copying it reported.
 * One map per request (normalize/batch.ts), so nothing outlives the request.
 */
export type SharedCopies = Map<object, { value: JsonValue; report: CopyReport }>;

function emptyReport(): CopyReport {
  return { repaired: false, depthCapped: false, jsonBytesBound: 0, scrubbed: false };
}

/** A scrubbing hook that notes in `report` when it redacted something. */
function scrubInto(report: CopyReport): MemberHook {
  return (key, value) => {
    const kept = scrubMember(key, value);
    if (kept !== value) report.scrubbed = true;
    return kept;
  };
}

export function normalizeAttributes(
  attributesRaw: unknown,
  extra: ReadonlyArray<readonly [string, unknown]>,
  marks: FieldMarks,
  shared?: SharedCopies,
): { attributes: JsonObject | null; clientUserAgent: string | null } {
  const report = emptyReport();
  const merged = mergeAttributes(attributesRaw, extra, report, marks, shared);
  if (report.repaired) marks.normalize("attributes");
  if (report.depthCapped) marks.truncate("attributes");
  if (!merged) return { attributes: null, clientUserAgent: null };
  if (report.scrubbed) marks.normalize("scrubbed");
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

/** The attributes object plus unknown top-level fields (explicit attributes win a clash). */
function mergeAttributes(
  attributesRaw: unknown,
  extra: ReadonlyArray<readonly [string, unknown]>,
  report: CopyReport,
  marks: FieldMarks,
  shared: SharedCopies | undefined,
): JsonObject | null {
  const maxDepth = eventCaps.attributesDepth;
  const scrub = scrubInto(report);
  // Members below the root count themselves into report.jsonBytesBound; the root and the
  // members set here are counted here.
  const keep = (key: string, value: JsonValue): JsonValue => {
    const stored = scrub(key, value);
    report.jsonBytesBound += memberJsonBound(key, stored);
    return stored;
  };
  let attributes: JsonObject | null = null;
  if (isJsonObject(attributesRaw)) {
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
    attributes[key] = keep(key, copyMember(value, report, scrub, shared));
  }
  if (attributes) report.jsonBytesBound += 2; // the root's braces
  return attributes;
}

/** A top-level field's value copied at depth 2, or the request's copy of a shared container. */
function copyMember(
  value: unknown,
  report: CopyReport,
  scrub: MemberHook,
  shared: SharedCopies | undefined,
): JsonValue {
  const maxDepth = eventCaps.attributesDepth;
  if (!shared || typeof value !== "object" || value === null) {
    return sanitizeJson(value, 2, report, maxDepth, scrub);
  }
  let copy = shared.get(value);
  if (!copy) {
    const own = emptyReport();
    copy = { value: sanitizeJson(value, 2, own, maxDepth, scrubInto(own)), report: own };
    shared.set(value, copy);
  }
  // What copying reported counts for every event that stores the copy.
  report.repaired ||= copy.report.repaired;
  report.depthCapped ||= copy.report.depthCapped;
  report.scrubbed ||= copy.report.scrubbed;
  report.jsonBytesBound += copy.report.jsonBytesBound;
  return copy.value;
}
