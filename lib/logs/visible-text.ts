// Log text may carry terminal escapes, bidi overrides and zero-width characters that make a
// message look like something else (Trojan Source, CVE-2021-42574; threats XSS-4, INJ-2).
// Views render such characters as visible escapes instead; React keeps everything as text.

export interface TextSegment {
  text: string;
  /** Offset in the original string (a stable React key). */
  start: number;
  /** True when `text` is the visible escape of an invisible or control character. */
  escaped: boolean;
}

// C0 controls except TAB and LF, DEL, C1 controls, bidi marks/overrides/isolates, zero-width
// characters, line/paragraph separators, BOM, and lone surrogates.
const invisible =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const named: Record<string, string> = { "\r": "\\r", "\u001b": "\\e", "\u0000": "\\0" };

export function escapeFor(char: string): string {
  return (
    named[char] ?? `\\u{${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}}`
  );
}

/** Splits text into plain runs and escape runs, for rendering with distinct styling. */
export function splitInvisible(
  text: string,
  options: { keepNewlines?: boolean } = {},
): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  const pattern = options.keepNewlines
    ? invisible
    : new RegExp(`${invisible.source}|[\\n\\t]`, "g");
  for (const match of text.matchAll(pattern)) {
    const index = match.index ?? 0;
    if (index > last) segments.push({ text: text.slice(last, index), start: last, escaped: false });
    const char = match[0];
    segments.push({
      text: char === "\n" ? "\\n" : char === "\t" ? "\\t" : escapeFor(char),
      start: index,
      escaped: true,
    });
    last = index + char.length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), start: last, escaped: false });
  return segments;
}

/** The same as one string (titles, attributes). */
export function visibleText(text: string, options: { keepNewlines?: boolean } = {}): string {
  return splitInvisible(text, options)
    .map((s) => s.text)
    .join("");
}
