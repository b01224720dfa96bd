import { maxSearchLength } from "./limits";

// Edits a query's text the way a click on a facet or a chip means: add `field:value` (or
// `-field:value`), replacing the opposite term if present. Values are quoted when the syntax
// would otherwise read them differently, so any stored value round-trips.

/** `prod` → `prod`; `a b`, `x"y`, `*`, `` → `"…"` with `"` and `\` escaped. */
export function queryValue(value: string): string {
  return /^[^\s"\\*]+$/u.test(value) ? value : `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

export function termText(field: string, value: string, exclude = false): string {
  return `${exclude ? "-" : ""}${field}:${queryValue(value)}`;
}

/**
 * `q` with the term added (undefined when the result would exceed the length cap). A term
 * already there is kept once; its opposite (`-x` for `x` and back) is removed.
 */
export function withTerm(q: string | undefined, term: string): string | undefined {
  const opposite = term.startsWith("-") ? term.slice(1) : `-${term}`;
  const words = (q ?? "").trim();
  // Whole-term matches only: split on spaces outside quotes is not needed for the terms we
  // write (quoted values never hold an unescaped space outside their quotes).
  const kept = words
    .split(/(?<=\S)\s+(?=-?[A-Za-z_][\w.-]*:)/u)
    .filter((t) => t !== "" && t !== opposite && t !== term);
  const next = [...kept, term].join(" ");
  return Array.from(next).length <= maxSearchLength ? next : undefined;
}
