import { queryValue } from "./edit";
import { attrPrefix, hasTargets, isStringField, queryFieldNames } from "./fields";

// What the query bar can suggest at the caret (pure, shared by the client leaf and its tests).
// The server side, for values it has to read, is lib/logs/suggest.ts.

export interface CaretToken {
  /** Where the token under the caret starts and ends (code units, for the input's selection). */
  start: number;
  end: number;
  negated: boolean;
  /** The field typed before `:`, if any. */
  field?: string;
  op: string;
  /** What is typed after `field:` (or the whole word without a field). */
  prefix: string;
}

export function caretToken(text: string, caret: number): CaretToken {
  let start = caret;
  while (start > 0 && !/\s/.test(text[start - 1] as string)) start--;
  let end = caret;
  while (end < text.length && !/\s/.test(text[end] as string)) end++;
  const token = text.slice(start, end);
  const negated = token.startsWith("-");
  const body = negated ? token.slice(1) : token;
  const colon = body.indexOf(":");
  if (colon < 0) return { start, end, negated, op: "", prefix: body };
  const rest = body.slice(colon + 1);
  const op = /^(>=|<=|>|<)/.exec(rest)?.[0] ?? "";
  return {
    start,
    end,
    negated,
    field: body.slice(0, colon),
    op,
    prefix: rest.slice(op.length).replace(/^"/, ""),
  };
}

export interface Completion {
  /** What the option shows. */
  label: string;
  /** What replaces the token under the caret. */
  insert: string;
  count?: number;
}

/**
 * Suggestions that need no server: field names, levels, `has:` targets. The levels are passed
 * in (the schema's `logLevels`) so client code need not import the database schema.
 */
export function staticCompletions(token: CaretToken, levels: readonly string[]): Completion[] {
  const prefix = token.prefix.toLowerCase();
  if (token.field === undefined) {
    if (prefix === "" || prefix.startsWith(attrPrefix)) return [];
    return queryFieldNames
      .filter((f) => f.startsWith(prefix) && f !== prefix)
      .map((f) => {
        const insert = f === attrPrefix ? f : `${f}:`;
        return { label: insert, insert };
      });
  }
  const field = token.field.toLowerCase();
  const values =
    field === "level"
      ? [...levels]
      : field === "has"
        ? [...Object.keys(hasTargets), attrPrefix]
        : [];
  return values
    .filter((v) => v.startsWith(prefix))
    .map((v) => ({
      label: `${field}:${token.op}${v}`,
      insert: v === attrPrefix ? `${field}:${v}` : `${field}:${token.op}${v} `,
    }));
}

/** What to ask the server for at this token, if anything: `[field, prefix]`. */
export function serverQuestion(token: CaretToken): [string, string] | undefined {
  if (token.field === undefined) {
    if (!token.prefix.toLowerCase().startsWith(attrPrefix)) return undefined;
    const lastDot = token.prefix.lastIndexOf(".");
    // `attr.http.st` → keys under `attr.http.` starting with `st`.
    return [token.prefix.slice(0, lastDot + 1), token.prefix.slice(lastDot + 1)];
  }
  const field = token.field.toLowerCase();
  if (isStringField(field) || field.startsWith(attrPrefix)) return [token.field, token.prefix];
  return undefined;
}

/** The server's values as completions for this token. */
export function valueCompletions(
  token: CaretToken,
  values: { value: string; count: number }[],
): Completion[] {
  if (token.field === undefined) {
    const path = serverQuestion(token)?.[0] ?? attrPrefix;
    return values.map((v) => ({
      label: `${path}${v.value}`,
      insert: `${path}${v.value}:`,
      count: v.count,
    }));
  }
  return values.map((v) => ({
    label: v.value,
    insert: `${token.field}:${token.op}${queryValue(v.value)} `,
    count: v.count,
  }));
}

/** The text after accepting `completion` at `token`, and where the caret goes. */
export function applyCompletion(
  text: string,
  token: CaretToken,
  completion: Completion,
): { text: string; caret: number } {
  const inserted = `${token.negated ? "-" : ""}${completion.insert}`;
  const rest = text.slice(token.end);
  const joined = inserted.endsWith(" ") && rest.startsWith(" ") ? inserted.slice(0, -1) : inserted;
  return { text: text.slice(0, token.start) + joined + rest, caret: token.start + joined.length };
}
