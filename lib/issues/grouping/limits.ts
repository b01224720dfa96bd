// Every bound grouping works under: the work per event is a constant, whatever a client sent
// (docs/issues.md → Grouping → Bounds). Changing one changes keys: bump groupingVersion with it.

export const groupingLimits = {
  /** Frames of the thrown exception looked at, nearest the error first: what V8 keeps. */
  frameWindow: 10,
  /** Characters of one frame line handed to the stack parser (its regexes backtrack). */
  frameLineChars: 512,
  /** Sentry frames looked at for the window (frames without a name or place are skipped). */
  sentryFramesScanned: 512,
  /** Characters of a stack text scanned for its header and frames. */
  stackChars: 32 * 1024,
  /** Lines of a stack text scanned before giving up on finding frames. */
  stackLines: 256,
  /** Characters of a value's first line or a message that are parameterised and keyed. */
  textChars: 1024,
  /** Entries and total characters of an explicit fingerprint. */
  fingerprintEntries: 64,
  fingerprintChars: 16 * 1024,
  /** Code points of a title and a culprit. */
  titleChars: 256,
} as const;

/** The first `max` UTF-16 units, never ending inside a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}
