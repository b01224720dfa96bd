// Turning arbitrary values (console arguments, rejection reasons) into message text.

export function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Error) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    // Circular structures, BigInt.
    return String(value);
  }
}

/** Drops the query and fragment of a URL: they often carry ids, tokens and personal data. */
export const withoutQuery = (url: string): string => url.split(/[?#]/)[0] as string;
