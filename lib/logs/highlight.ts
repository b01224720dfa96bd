// Search-term highlighting by splitting strings (never HTML, never a RegExp built from user
// input: threats XSS-1, QRY-2). Case-insensitive like the search, when lower-casing keeps
// string lengths (it does not for a few characters, e.g. "İ"; then matching is exact-case).

export interface HighlightPart {
  text: string;
  start: number;
  match: boolean;
}

export function splitHighlight(
  text: string,
  term: string | undefined,
  maxParts = 200,
): HighlightPart[] {
  if (!term) return [{ text, start: 0, match: false }];
  const folded = text.toLowerCase();
  const foldedTerm = term.toLowerCase();
  const caseless = folded.length === text.length && foldedTerm.length === term.length;
  const haystack = caseless ? folded : text;
  const needle = caseless ? foldedTerm : term;
  const parts: HighlightPart[] = [];
  let last = 0;
  for (
    let at = haystack.indexOf(needle);
    at !== -1 && parts.length < maxParts;
    at = haystack.indexOf(needle, at + needle.length)
  ) {
    if (at > last) parts.push({ text: text.slice(last, at), start: last, match: false });
    parts.push({ text: text.slice(at, at + needle.length), start: at, match: true });
    last = at + needle.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), start: last, match: false });
  return parts;
}
