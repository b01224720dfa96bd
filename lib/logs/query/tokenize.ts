import type { Comparison, QueryError } from "./ast";

// Splits a query into words, "quoted phrases" and field:value tokens. Positions are code-point
// indexes (0-based here; the parser reports them 1-based). Linear, no RegExp over the whole
// input, and every failure is a QueryError with a position, never a thrown TypeError.

export type Token =
  | { kind: "word"; start: number; end: number }
  | { kind: "phrase"; text: string; negated: boolean; start: number }
  | {
      kind: "field";
      name: string;
      nameStart: number;
      negated: boolean;
      start: number;
      op: Comparison;
      value: string;
      valueStart: number;
      quoted: boolean;
    };

export class QuerySyntaxError extends Error {
  constructor(readonly detail: QueryError) {
    super(detail.message);
  }
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/u.test(c);
const isNameStart = (c: string | undefined) => c !== undefined && /[A-Za-z_]/.test(c);
const isNameChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_.-]/.test(c);

/** A field name ending in `:` at `i` (not a URL's `scheme://`); returns the colon's index. */
function fieldColon(cs: string[], i: number): number | undefined {
  if (!isNameStart(cs[i])) return undefined;
  let j = i + 1;
  while (isNameChar(cs[j])) j++;
  if (cs[j] !== ":" || (cs[j + 1] === "/" && cs[j + 2] === "/")) return undefined;
  return j;
}

/** Reads `"…"` opening at `i` (`\"` and `\\` are escapes); returns the text and the index after. */
function readQuoted(cs: string[], i: number): { text: string; next: number } {
  let text = "";
  for (let j = i + 1; j < cs.length; j++) {
    const c = cs[j] as string;
    if (c === "\\" && (cs[j + 1] === '"' || cs[j + 1] === "\\")) {
      text += cs[j + 1];
      j++;
    } else if (c === '"') {
      return { text, next: j + 1 };
    } else {
      text += c;
    }
  }
  throw new QuerySyntaxError({
    position: i + 1,
    message: `unterminated quote at ${i + 1}: add the closing "`,
  });
}

const comparisons: Comparison[] = [">=", "<=", ">", "<"];

export function tokenize(query: string): { chars: string[]; tokens: Token[] } {
  const cs = Array.from(query);
  const tokens: Token[] = [];
  let i = 0;
  while (i < cs.length) {
    if (isSpace(cs[i])) {
      i++;
      continue;
    }
    const start = i;
    const negated = cs[i] === "-" && cs[i + 1] !== undefined && !isSpace(cs[i + 1]);
    const body = negated ? i + 1 : i;
    if (cs[body] === '"' && (negated || body === i)) {
      const { text, next } = readQuoted(cs, body);
      tokens.push({ kind: "phrase", text, negated, start });
      i = next;
      continue;
    }
    const colon = fieldColon(cs, body);
    if (colon !== undefined) {
      let v = colon + 1;
      const op =
        comparisons.find((c) => cs.slice(v, v + c.length).join("") === c) ?? ("=" as Comparison);
      if (op !== "=") v += op.length;
      const name = cs.slice(body, colon).join("");
      let value: string;
      let next: number;
      const quoted = cs[v] === '"';
      if (quoted) {
        ({ text: value, next } = readQuoted(cs, v));
      } else {
        next = v;
        while (next < cs.length && !isSpace(cs[next])) next++;
        value = cs.slice(v, next).join("");
      }
      if (value === "" && !quoted) {
        throw new QuerySyntaxError({
          position: body + 1,
          message: `\`${name}:\` at ${body + 1} needs a value`,
        });
      }
      tokens.push({
        kind: "field",
        name,
        nameStart: body,
        negated,
        start,
        op,
        value,
        valueStart: v,
        quoted,
      });
      i = next;
      continue;
    }
    // A bare word (a leading `-` or a `"` inside it is literal text).
    while (i < cs.length && !isSpace(cs[i])) i++;
    tokens.push({ kind: "word", start, end: i });
  }
  return { chars: cs, tokens };
}
