// The one state shape every dashboard form's server action returns to `useActionState`
// (issue 17 item 4). Types and pure helpers only: client components import this file.

export interface FormState<F extends string = string> {
  ok?: boolean;
  /** Success, in words. */
  message?: string;
  /** A failure that belongs to no single field, in words. */
  error?: string;
  /**
   * What was submitted, so the form shows it again after a refusal: React resets a form once
   * its action settles, to each field's `defaultValue`. Secret fields are never included.
   */
  values?: Partial<Record<F, string>>;
  /** Per-field failures, in words, shown beside the field. */
  fieldErrors?: Partial<Record<F, string>>;
}

/**
 * A field's text to show: what was just submitted, else the saved value. Use it as the
 * `defaultValue`; on a `<select>` also as its `key`: React ignores a select's changed
 * defaultValue after mount, so the form reset would bring back the first option chosen.
 */
export function shownValue<F extends string>(
  state: FormState<F>,
  field: F,
  saved: string | number | null | undefined,
): string {
  return state.values?.[field] ?? (saved === null || saved === undefined ? "" : String(saved));
}
