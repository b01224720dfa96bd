import { type LogLevel, logLevels } from "@/lib/db/schema/logs";
import type { ParseResult, QueryTerm } from "./ast";
import { attrPrefix, isHasTarget, isStringField, maxAttrDepth, queryFieldNames } from "./fields";
import { QuerySyntaxError, type Token, tokenize } from "./tokenize";

// The explorer's and the API's `q` (docs/api.md "Query syntax"). Bare words next to each other
// are one literal phrase, exactly as `q` searched before the syntax existed, so a plain-text
// query means what it always meant; fields, quotes and `-` split it into terms, all ANDed.

const numberText = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

function fail(position: number, message: string): never {
  throw new QuerySyntaxError({ position, message });
}

function levelOf(text: string, position: number): LogLevel {
  const level = text.toLowerCase();
  if ((logLevels as readonly string[]).includes(level)) return level as LogLevel;
  return fail(position, `unknown level "${text}" at ${position} (${logLevels.join(", ")})`);
}

function fieldTerm(token: Extract<Token, { kind: "field" }>): QueryTerm {
  const name = token.name.toLowerCase();
  const base = { negated: token.negated, position: token.start + 1 };
  const at = token.nameStart + 1;
  const valueAt = token.valueStart + 1;
  const wildcard = !token.quoted && token.value.includes("*");
  const exactOnly = () => {
    if (token.op !== "=") {
      fail(valueAt, `\`${name}:\` at ${at} takes a value, not a comparison (\`${token.op}\`)`);
    }
  };
  if (name === "level") {
    if (token.op !== "=") {
      return { ...base, kind: "level", op: token.op, levels: [levelOf(token.value, valueAt)] };
    }
    const levels = token.value.split(",").map((l) => levelOf(l, valueAt));
    return { ...base, kind: "level", op: "=", levels: [...new Set(levels)] };
  }
  if (isStringField(name)) {
    exactOnly();
    return { ...base, kind: "field", field: name, value: token.value, wildcard };
  }
  if (name === "issue") {
    exactOnly();
    return { ...base, kind: "issue", value: token.value };
  }
  if (name === "has") {
    exactOnly();
    const target = token.value.toLowerCase();
    if (target.startsWith(attrPrefix)) {
      return { ...base, kind: "has", target: { attr: attrPath(token.value, valueAt) } };
    }
    if (isHasTarget(target)) return { ...base, kind: "has", target };
    return fail(valueAt, `unknown \`has:\` target "${token.value}" at ${valueAt}`);
  }
  if (name.startsWith(attrPrefix)) {
    const path = attrPath(token.name, at);
    const isNumber = numberText.test(token.value) && !token.quoted;
    if (token.op !== "=" && !isNumber) {
      fail(valueAt, `\`${token.op}\` at ${valueAt} needs a number`);
    }
    return {
      ...base,
      kind: "attr",
      path,
      op: token.op,
      value: token.value,
      wildcard: wildcard && token.op === "=",
      number: isNumber ? Number(token.value) : undefined,
    };
  }
  return fail(
    at,
    `unknown field "${token.name}" at ${at} (fields: ${queryFieldNames.join(", ")}; put text containing ":" in quotes)`,
  );
}

/** `attr.a.b` → ["a", "b"] (keys keep their case). */
function attrPath(name: string, position: number): string[] {
  const path = name.slice(attrPrefix.length).split(".");
  if (path.some((p) => p === ""))
    fail(position, `attribute path "${name}" at ${position} has an empty key`);
  if (path.length > maxAttrDepth) {
    fail(position, `attribute path at ${position} is deeper than ${maxAttrDepth} keys`);
  }
  return path;
}

export function parseQuery(query: string): ParseResult {
  try {
    const { chars, tokens } = tokenize(query);
    const terms: QueryTerm[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      if (token.kind === "phrase") {
        terms.push({
          kind: "text",
          text: token.text,
          negated: token.negated,
          position: token.start + 1,
        });
      } else if (token.kind === "field") {
        terms.push(fieldTerm(token));
      } else {
        // A run of bare words is the phrase they spell, spaces included.
        let end = token.end;
        while (tokens[i + 1]?.kind === "word") end = (tokens[++i] as { end: number }).end;
        const text = chars.slice(token.start, end).join("");
        terms.push({ kind: "text", text, negated: false, position: token.start + 1 });
      }
    }
    return { ok: true, terms };
  } catch (err) {
    if (err instanceof QuerySyntaxError) return { ok: false, error: err.detail };
    throw err;
  }
}

/** The phrases an event must contain (what the table highlights). */
export function searchedTexts(terms: QueryTerm[]): string[] {
  return terms.flatMap((t) => (t.kind === "text" && !t.negated && t.text ? [t.text] : []));
}

/** The first phrase the query searches for, for the table's highlight. */
export function highlightedText(q: string): string | undefined {
  const result = parseQuery(q);
  return result.ok ? searchedTexts(result.terms)[0] : undefined;
}
