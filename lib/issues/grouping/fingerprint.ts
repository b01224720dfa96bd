import { groupingLimits } from "./limits";

// An explicit fingerprint: Sentry's `fingerprint` field and a native event's `fingerprint`
// (array of strings) both land in attributes.fingerprint (lib/ingest/decode/sentry/event.ts;
// native unknown fields move into attributes). `{{ default }}` in it stands for the default key.

export const defaultMarker = /^\{\{\s*default\s*\}\}$/i;

/** The fingerprint's entries (numbers and booleans as text, as Sentry reads them), or null. */
export function explicitFingerprint(attributes: Record<string, unknown> | null): string[] | null {
  const value =
    attributes && Object.hasOwn(attributes, "fingerprint") ? attributes.fingerprint : undefined;
  if (!Array.isArray(value)) return null;
  const entries: string[] = [];
  let chars = 0;
  for (const entry of value.slice(0, groupingLimits.fingerprintEntries)) {
    const text =
      typeof entry === "string" || typeof entry === "number" || typeof entry === "boolean"
        ? String(entry)
        : null;
    if (text === null) continue;
    chars += text.length;
    if (chars > groupingLimits.fingerprintChars) break;
    entries.push(text);
  }
  return entries.length > 0 ? entries : null;
}
