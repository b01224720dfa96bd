// The parts the explorer's and the issue list's filter forms share, so both look and read alike.

import { logLevels } from "@/lib/db/schema/logs";

export const filterInputClass =
  "rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm focus-visible:outline focus-visible:outline-2 focus-visible:outline-zinc-900";

/** A small label above its control (passed in as children). */
export function FilterField({
  label,
  className = "",
  children,
}: {
  label: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is passed in as children
    <label className={`flex flex-col gap-0.5 text-xs font-medium text-zinc-600 ${className}`}>
      {label}
      {children}
    </label>
  );
}

/** Apply submits the GET form; Reset is a link to the page without any filter. */
export function FilterFormActions({ resetHref }: { resetHref: string }) {
  return (
    <>
      <button
        type="submit"
        className="rounded-md bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-zinc-700"
      >
        Apply
      </button>
      <a href={resetHref} className="px-2 py-1.5 text-sm text-zinc-600 hover:underline">
        Reset
      </a>
    </>
  );
}

/** One checkbox per level, named `level` (repeated keys in the URL); `checked` are ticked. */
export function LevelCheckboxes({ checked }: { checked: readonly string[] | undefined }) {
  return (
    <fieldset className="flex flex-wrap items-center gap-2 text-xs">
      <legend className="mb-0.5 font-medium text-zinc-600">Levels</legend>
      {logLevels.map((l) => (
        <label key={l} className="flex items-center gap-1">
          <input
            type="checkbox"
            name="level"
            value={l}
            defaultChecked={checked?.includes(l) ?? false}
          />
          {l}
        </label>
      ))}
    </fieldset>
  );
}

/** A labelled select of `[value, label]` pairs; `children` adds options after them. */
export function FilterSelect({
  label,
  name,
  defaultValue,
  options,
  children,
}: {
  label: string;
  name: string;
  defaultValue: string;
  options: readonly (readonly [string, string])[];
  children?: React.ReactNode;
}) {
  return (
    <FilterField label={label}>
      <select name={name} defaultValue={defaultValue} className={filterInputClass}>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
        {children}
      </select>
    </FilterField>
  );
}
