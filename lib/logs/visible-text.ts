// Log text may carry terminal escapes, bidi overrides and zero-width characters that make a
// message look like something else (Trojan Source, CVE-2021-42574; threats XSS-4, INJ-2).
// Views render such characters as visible escapes instead; React keeps everything as text.
//
// Each escape is an element, written twice (HTML and the RSC payload), so a public key could
// once make a page ~100× its stored size with runs of one invisible character (issue 11). A
// run is therefore one escape with its count, and a field stops after a capped number of
// escapes with a note saying how much it did not show: nothing invisible is ever shown raw.

export interface TextSegment {
  /** "text" as is; "escape" for a run of one invisible character; "omitted" past the cap. */
  kind: "text" | "escape" | "omitted";
  /** What to show: the text, the escape (`\u{200B}×5000` for a run), or the omission note. */
  text: string;
  /** Offset in the original string (a stable React key). */
  start: number;
}

/** Escapes per field on detail pages (message, stack, one attribute key or value). */
export const maxEscapesPerField = 200;
/** Escapes per table cell: a row shows one truncated line, so a few say enough. */
export const maxEscapesPerCell = 8;

// C0 controls except TAB and LF, DEL, C1 controls, bidi marks/overrides/isolates, zero-width
// characters, line/paragraph separators, BOM, and lone surrogates.
const invisibleSource =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
    .source;
const invisibleOrNewline = `${invisibleSource}|[\\n\\t]`;

const named: Record<string, string> = {
  "\r": "\\r",
  "\u001b": "\\e",
  "\u0000": "\\0",
  "\n": "\\n",
  "\t": "\\t",
};

export function escapeFor(char: string): string {
  return (
    named[char] ?? `\\u{${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}}`
  );
}

export interface VisibleOptions {
  /** Keep LF and TAB as they are (multi-line views); otherwise they are escaped too. */
  keepNewlines?: boolean;
  /** Escapes shown before the rest of the field is summarised (default: maxEscapesPerField). */
  maxEscapes?: number;
}

const isHighSurrogate = (unit: string | undefined) =>
  unit !== undefined && unit >= "\uD800" && unit <= "\uDBFF";
const isLowSurrogate = (unit: string | undefined) =>
  unit !== undefined && unit >= "\uDC00" && unit <= "\uDFFF";

/** End of the run of `char` starting at `index` (a high surrogate that pairs is no part of it). */
function runEnd(text: string, index: number, char: string): number {
  let end = index + 1;
  while (text[end] === char && !(isHighSurrogate(char) && isLowSurrogate(text[end + 1]))) end++;
  return end;
}

/** "… 1,234 more characters not shown (1,200 invisible)". */
function omissionNote(rest: string, options: VisibleOptions): string {
  const pattern = new RegExp(options.keepNewlines ? invisibleSource : invisibleOrNewline, "g");
  let invisible = 0;
  while (pattern.exec(rest)) invisible++;
  let characters = 0;
  for (let i = 0; i < rest.length; i++)
    if (!isLowSurrogate(rest[i]) || !isHighSurrogate(rest[i - 1])) characters++;
  const n = (x: number) => x.toLocaleString("en-US");
  return `… ${n(characters)} more characters not shown (${n(invisible)} invisible)`;
}

/**
 * Splits text into plain runs and escapes, for rendering with distinct styling: at most
 * `maxEscapes` escapes, then one "omitted" segment for the rest of the text.
 */
export function splitInvisible(text: string, options: VisibleOptions = {}): TextSegment[] {
  const maxEscapes = options.maxEscapes ?? maxEscapesPerField;
  const pattern = new RegExp(options.keepNewlines ? invisibleSource : invisibleOrNewline, "g");
  const segments: TextSegment[] = [];
  let last = 0;
  let escapes = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const index = match.index;
    if (index > last) segments.push({ kind: "text", text: text.slice(last, index), start: last });
    if (escapes === maxEscapes) {
      const note = omissionNote(text.slice(index), options);
      segments.push({ kind: "omitted", text: note, start: index });
      return segments;
    }
    const char = match[0];
    const end = runEnd(text, index, char);
    const count = end - index;
    const shown = count > 1 ? `${escapeFor(char)}×${count}` : escapeFor(char);
    segments.push({ kind: "escape", text: shown, start: index });
    escapes++;
    last = end;
    pattern.lastIndex = end;
  }
  if (last < text.length) segments.push({ kind: "text", text: text.slice(last), start: last });
  return segments;
}

/**
 * Splits consecutive pieces of one text (highlight parts, stack lines) with ONE escape budget
 * for all of them: offsets stay those of the whole text, and past the cap the remaining pieces
 * are dropped, the omission note covering the rest of the whole text.
 */
export function splitInvisibleParts<P extends { text: string; start: number }>(
  text: string,
  parts: readonly P[],
  options: VisibleOptions = {},
): Array<P & { segments: TextSegment[] }> {
  let budget = options.maxEscapes ?? maxEscapesPerField;
  const out: Array<P & { segments: TextSegment[] }> = [];
  for (const part of parts) {
    const segments = splitInvisible(part.text, { ...options, maxEscapes: budget }).map((s) => ({
      ...s,
      start: part.start + s.start,
    }));
    const omitted = segments.at(-1);
    if (omitted?.kind === "omitted") {
      omitted.text = omissionNote(text.slice(omitted.start), options);
      out.push({ ...part, segments });
      return out;
    }
    budget -= segments.filter((s) => s.kind === "escape").length;
    out.push({ ...part, segments });
  }
  return out;
}

/** The same as one string (titles, attributes). */
export function visibleText(text: string, options: VisibleOptions = {}): string {
  return splitInvisible(text, options)
    .map((s) => s.text)
    .join("");
}
