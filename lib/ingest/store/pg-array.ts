// Postgres array literals ('{"a",NULL,"b\"c"}') built here rather than by the driver: node-postgres,
// Neon and PGlite each serialise JS arrays their own way, while a string parameter reaches the
// server byte for byte on all three, so `$1::text[]` means the same everywhere. One pass, no
// intermediate array: the literal is the only copy of a column that is made.

const escaped = /["\\]/g;

/** One quoted element: inside double quotes only `"` and `\` are special. */
function quote(value: string): string {
  return value.indexOf('"') === -1 && value.indexOf("\\") === -1
    ? `"${value}"`
    : `"${value.replace(escaped, "\\$&")}"`;
}

/** `{"a",NULL,…}` for a one-dimensional text array; null elements become SQL NULL. */
export function textArrayLiteral<T>(items: readonly T[], pick: (item: T) => string | null): string {
  let out = "{";
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out += ",";
    const value = pick(items[i] as T);
    out += value === null ? "NULL" : quote(value);
  }
  return `${out}}`;
}

/** `{30,50,…}` for integers (no quoting needed). */
export function integerArrayLiteral<T>(items: readonly T[], pick: (item: T) => number): string {
  let out = "{";
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out += ",";
    const value = pick(items[i] as T);
    if (!Number.isSafeInteger(value)) throw new Error("integer array element is not an integer");
    out += value;
  }
  return `${out}}`;
}

/**
 * A text[] value as one element of an outer text[] (unnest cannot take a ragged 2-D array):
 * the row's array literal, or null for an empty list, cast back with `::text[]` per row.
 */
export function nestedTextArray(values: readonly string[]): string | null {
  return values.length === 0 ? null : textArrayLiteral(values, (v) => v);
}
