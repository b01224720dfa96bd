import {
  capJsonSize,
  type JsonObject,
  type JsonValue,
  sanitizeJson,
  sizeMarker,
  type TreeReport,
} from "./json-tree";
import { eventCaps } from "./limits";
import { scrubAttributes } from "./scrub";
import { repairString, truncateCodePoints } from "./strings";

// An event's attributes: its `attributes` object plus every unknown top-level field, copied
// depth-capped and repaired (json-tree.ts), scrubbed, then fitted into 16 KiB.

/** Field names the normaliser reports in truncated_fields / normalized_fields. */
export interface FieldMarks {
  truncated: Set<string>;
  normalized: Set<string>;
}

export function normalizeAttributes(
  attributesRaw: unknown,
  extra: ReadonlyArray<readonly [string, unknown]>,
  marks: FieldMarks,
): { attributes: JsonObject | null; clientUserAgent: string | null } {
  const report: TreeReport = { repaired: false, depthCapped: false };
  const merged = mergeAttributes(attributesRaw, extra, report, marks);
  if (report.repaired) marks.normalized.add("attributes");
  if (report.depthCapped) marks.truncated.add("attributes");
  if (!merged) return { attributes: null, clientUserAgent: null };
  if (scrubAttributes(merged)) marks.normalized.add("scrubbed");
  const capped = capJsonSize(merged);
  if (capped.truncated) marks.truncated.add("attributes");
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
  report: TreeReport,
  marks: FieldMarks,
): JsonObject | null {
  let attributes: JsonObject | null = null;
  if (isObject(attributesRaw)) {
    attributes = sanitizeJson(attributesRaw, 1, report) as JsonObject;
  } else if (attributesRaw !== undefined && attributesRaw !== null) {
    // An array or scalar is kept, under its own name, rather than dropped.
    attributes = Object.create(null) as JsonObject;
    attributes.attributes = sanitizeJson(attributesRaw, 2, report) as JsonValue;
    marks.normalized.add("attributes");
  }
  for (const [rawKey, value] of extra) {
    attributes ??= Object.create(null) as JsonObject;
    const key = repairString(rawKey);
    if (key !== rawKey) report.repaired = true;
    if (Object.hasOwn(attributes, key)) {
      marks.normalized.add("attributes");
      continue;
    }
    // Top-level fields land one level below the attributes object.
    attributes[key] = sanitizeJson(value, 2, report);
  }
  return attributes;
}
