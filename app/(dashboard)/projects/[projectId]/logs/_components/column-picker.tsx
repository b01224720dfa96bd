import { type GridColumn, gridColumnsParam, maxColumnNameLength } from "@/lib/logs/grid-columns";
import { stringFields } from "@/lib/logs/query/fields";
import { CleanGetForm } from "./clean-get-form";

/**
 * "Add column": a GET form carrying the view and its columns, plus one more name, typed or
 * picked from the fields and the attribute keys the facets found. Repeated `columns` keys are
 * read as one list, so no script is needed; the URL's links then write them joined.
 */
export function ColumnPicker({
  action,
  viewParams,
  columns,
  attributeKeys,
}: {
  action: string;
  /** The view's own parameters (filters, range), without columns and cursor. */
  viewParams: [string, string][];
  columns: readonly GridColumn[];
  attributeKeys: readonly string[];
}) {
  const current = gridColumnsParam(columns);
  const names = [...Object.keys(stringFields), ...attributeKeys.map((k) => `attr.${k}`)].filter(
    (n) => !columns.some((c) => c.name === n),
  );
  return (
    <CleanGetForm action={action} aria-label="Columns" className="flex items-center gap-1 text-sm">
      {viewParams.map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {current && <input type="hidden" name="columns" value={current} />}
      <input
        name="columns"
        list="grid-column-names"
        maxLength={maxColumnNameLength}
        aria-label="Add column"
        placeholder="Add column: release, attr.…"
        className="w-52 min-w-0 rounded-md border border-zinc-300 bg-white px-2 py-0.5 text-sm"
      />
      <datalist id="grid-column-names">
        {names.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <button
        type="submit"
        className="rounded-md border border-zinc-300 px-2 py-0.5 text-sm hover:bg-zinc-100"
      >
        Add
      </button>
    </CleanGetForm>
  );
}
