// The fields the query language knows (docs/api.md "Query syntax"), each bound to the one
// `logs` column it reads. Column names come from this table only, never from the query text.

export const stringFields = {
  environment: "environment",
  release: "release",
  logger: "logger",
  session: "session_id",
  user: "user_id",
  url: "url",
  /** The URL's path (computed: see urlPath). */
  path: "url",
  trace: "trace_id",
  country: "country",
} as const;

export type StringField = keyof typeof stringFields;

/** What `has:` can ask for: a column that is set (not null, not empty). */
export const hasTargets = {
  stack: "stack",
  url: "url",
  release: "release",
  environment: "environment",
  logger: "logger",
  session: "session_id",
  user: "user_id",
  trace: "trace_id",
  country: "country",
  issue: "issue_id",
} as const;

export type HasTarget = keyof typeof hasTargets;

/** Every field name, for error messages and autocomplete. */
export const queryFieldNames = [
  "level",
  ...Object.keys(stringFields),
  "issue",
  "has",
  "attr.",
] as const;

export const attrPrefix = "attr.";
/** Deeper paths are refused: a path is one bound parameter per segment. */
export const maxAttrDepth = 8;

export function isStringField(name: string): name is StringField {
  return Object.hasOwn(stringFields, name);
}

export function isHasTarget(name: string): name is HasTarget {
  return Object.hasOwn(hasTargets, name);
}
