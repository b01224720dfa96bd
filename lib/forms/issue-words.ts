import type { FieldSpec } from "./field-spec";
import { listEntries } from "./field-spec";

// Zod's own messages ("Too small: expected number to be >=1", "allowed origins.0: …") are
// for developers; a form says what to type instead.

export interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  expected?: string;
  format?: string;
  input?: unknown;
}

function genericWords(issue: Issue): string {
  const { code, origin } = issue;
  const min = Number(issue.minimum);
  const max = Number(issue.maximum);
  if (code === "too_small" && origin === "string") {
    return min <= 1 ? "can't be empty" : `use at least ${min} characters`;
  }
  if (code === "too_big" && origin === "string") return `use at most ${max} characters`;
  if (code === "too_small" && origin === "number") return `enter a number of at least ${min}`;
  if (code === "too_big" && origin === "number") return `enter a number no larger than ${max}`;
  if (code === "too_small") return `enter at least ${min}`;
  if (code === "too_big") return `enter at most ${max}`;
  if (code === "invalid_type" && (issue.expected === "number" || issue.expected === "int")) {
    return "enter a whole number";
  }
  if (code === "invalid_type") return "can't be empty";
  if (code === "invalid_format" && issue.format === "email") {
    return "enter an email address like name@example.com";
  }
  if (code === "invalid_format") return "check the format";
  if (code === "invalid_value") return "choose one of the options";
  return issue.message;
}

/** "Allowed origins, line 2: enter an origin like https://app.example.com (no path)". */
export function issueInWords(issue: Issue, spec: FieldSpec | undefined, typed = ""): string {
  if (!spec) return genericWords(issue);
  const [, index] = issue.path;
  if (spec.list && typeof index === "number") {
    const line = listEntries(typed)[index]?.line;
    return `${spec.label}${line ? `, line ${line}` : ""}: ${spec.list.invalid}`;
  }
  // A list's own limits (too many entries) stay generic: its `invalid` words describe one entry.
  const words = spec.invalid && !spec.list ? spec.invalid : genericWords(issue);
  return `${spec.label}: ${words}`;
}
