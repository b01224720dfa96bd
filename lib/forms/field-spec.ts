/** How a form names and treats one field, for messages in words and for echoing input. */
export interface FieldSpec {
  /** As the form's label says it: "Allowed origins". */
  label: string;
  /** Passwords and tokens: never sent back to the browser, so they come back empty. */
  secret?: boolean;
  /** Words for any value the schema refuses here, e.g. "enter a whole number from 1 to 3650". */
  invalid?: string;
  /** A list typed one per line (commas and spaces also separate): errors name the line. */
  list?: { invalid: string };
  /** A group of checkboxes under one name: every checked value, one per line. */
  multiple?: boolean;
}

export type FieldSpecs<F extends string> = Record<F, FieldSpec>;

/** The entries of a one-per-line list field, each with the (1-based) line it was typed on. */
export function listEntries(text: string): { value: string; line: number }[] {
  return text.split(/\r\n|\r|\n/).flatMap((row, i) =>
    row
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((value) => ({ value, line: i + 1 })),
  );
}
