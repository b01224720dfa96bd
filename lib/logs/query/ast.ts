import type { LogLevel } from "@/lib/db/schema/logs";
import type { HasTarget, StringField } from "./fields";

// The parsed query: a list of terms, all of which must hold (AND). Each term keeps its 1-based
// character position so the explorer can point at it.

export type Comparison = "=" | ">" | ">=" | "<" | "<=";

interface TermBase {
  /** `-term`: the event must not match (events without the field do not match, so they stay). */
  negated: boolean;
  /** 1-based position of the term's first character (its `-`, if any). */
  position: number;
}

/** Literal, case-insensitive substring of message, stack or url. */
export interface TextTerm extends TermBase {
  kind: "text";
  text: string;
}

/** Exact value, or a `*` wildcard pattern (`release:web@2.*`). */
export interface FieldTerm extends TermBase {
  kind: "field";
  field: StringField;
  value: string;
  wildcard: boolean;
}

export interface LevelTerm extends TermBase {
  kind: "level";
  op: Comparison;
  /** One level for a comparison; one or more for `level:error,fatal`. */
  levels: LogLevel[];
}

export interface IssueTerm extends TermBase {
  kind: "issue";
  value: string;
}

export interface AttrTerm extends TermBase {
  kind: "attr";
  path: string[];
  op: Comparison;
  value: string;
  wildcard: boolean;
  /** Set when the value reads as a finite number (always for `>`/`<`). */
  number?: number;
}

export interface HasTerm extends TermBase {
  kind: "has";
  target: HasTarget | { attr: string[] };
}

export type QueryTerm = TextTerm | FieldTerm | LevelTerm | IssueTerm | AttrTerm | HasTerm;

export interface QueryError {
  /** 1-based character (code point) position in the query. */
  position: number;
  message: string;
}

export type ParseResult = { ok: true; terms: QueryTerm[] } | { ok: false; error: QueryError };
