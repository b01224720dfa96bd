// What "✂ truncated" and "normalised" mean for each field, in words: the server changes an event
// at ingest (lib/ingest/normalize/normalize.ts) and a reader must not have to guess how.

const normalised: Record<string, string> = {
  level:
    "the level was not one of trace, debug, info, warn, error, fatal, so it was stored as info",
  timestamp:
    "the client time could not be read or was out of range (before 1970 or over a day ahead), so it was dropped",
  scrubbed:
    "values that looked like secrets (passwords, tokens, card numbers) were replaced by [redacted]",
  attributes:
    "attributes were repaired: broken text fixed, clashing or non-object parts kept under their own names",
  id: "an empty event id was dropped",
};

/** One sentence per changed field, truncations first. */
export function describeChanges(truncated: string[], normalized: string[]): string[] {
  return [
    ...truncated.map((field) =>
      field === "attributes"
        ? "attributes were cut to the size or depth limit"
        : `${field} was cut to its size limit`,
    ),
    ...normalized.map(
      (field) =>
        normalised[field] ??
        `${field} held invalid text or an object, so it was repaired or kept in the attributes`,
    ),
  ];
}

/** The row badge: short, with the sentences in its title. */
export function changeBadge(truncated: string[], normalized: string[]): string | null {
  if (truncated.length > 0) return `✂ cut by server: ${truncated.join(", ")}`;
  if (normalized.length > 0) return `changed by server: ${normalized.join(", ")}`;
  return null;
}
