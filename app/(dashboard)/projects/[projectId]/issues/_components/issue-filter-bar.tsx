import { logLevels } from "@/lib/db/schema/logs";
import { formatTime } from "@/lib/format/time";
import { maxSearchLength } from "@/lib/logs/filters";
import { CleanGetForm } from "../../logs/_components/clean-get-form";
import { FilterDisclosure } from "../../logs/_components/filter-disclosure";
import type { IssueListState } from "../search-params";

const inputClass =
  "rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm focus-visible:outline focus-visible:outline-2 focus-visible:outline-zinc-900";

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is passed in as children
    <label className="flex flex-col gap-0.5 text-xs font-medium text-zinc-600">
      {label}
      {children}
    </label>
  );
}

const searchInputId = "issues-q";

export const statusOptions = [
  ["unresolved", "Unresolved"],
  ["resolved", "Resolved"],
  ["ignored", "Ignored"],
  ["all", "All"],
] as const;

export const sortOptions = [
  ["last_seen", "Last seen"],
  ["first_seen", "First seen"],
  ["events", "Events"],
  ["users", "Users"],
] as const;

/** A plain GET form like the explorer's: what is set goes into the URL, which is the state. */
const rangeOptions = [
  ["all", "Any time"],
  ["1h", "Last hour"],
  ["24h", "Last 24 hours"],
  ["7d", "Last 7 days"],
  ["14d", "Last 14 days"],
  ["30d", "Last 30 days"],
] as const;

export function IssueFilterBar({ state, action }: { state: IssueListState; action: string }) {
  const { filters } = state;
  const active = [
    state.range !== "all",
    filters.level?.length,
    filters.release,
    filters.environment,
  ].filter(Boolean);
  return (
    <CleanGetForm
      action={action}
      // "Any time" must reach the URL while a concrete `since` is carried, to drop it.
      defaults={{
        status: "unresolved",
        sort: "last_seen",
        ...(state.range !== "custom" && { range: "all" }),
      }}
      aria-label="Filters"
      className="space-y-2 rounded-lg border border-zinc-200 bg-white p-3"
    >
      <FilterDisclosure
        activeCount={active.length}
        searchInputId={searchInputId}
        search={
          <>
            <Field label="Status">
              <select name="status" defaultValue={filters.status} className={inputClass}>
                {statusOptions.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </Field>
            <label className="flex min-w-0 flex-1 flex-col gap-0.5 text-xs font-medium text-zinc-600 sm:flex-none">
              Search title or culprit
              <input
                id={searchInputId}
                name="q"
                type="search"
                aria-keyshortcuts="/"
                defaultValue={filters.q ?? ""}
                maxLength={maxSearchLength}
                placeholder="TypeError, checkout…"
                className={`${inputClass} w-full sm:w-64`}
              />
            </label>
            <Field label="Sort by">
              <select name="sort" defaultValue={filters.sort} className={inputClass}>
                {sortOptions.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </Field>
          </>
        }
        actions={
          <>
            <button
              type="submit"
              className="rounded-md bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-zinc-700"
            >
              Apply
            </button>
            <a href={action} className="px-2 py-1.5 text-sm text-zinc-600 hover:underline">
              Reset
            </a>
          </>
        }
      >
        <div className="flex flex-wrap items-end gap-2">
          <Field label="Last seen">
            <select name="range" defaultValue={state.range} className={inputClass}>
              {rangeOptions.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
              {state.range === "custom" && filters.since && (
                // A link's concrete time (a later page): kept while the other filters change.
                <option value="custom">
                  Since {formatTime(filters.since, "UTC", "minute")} UTC
                </option>
              )}
            </select>
          </Field>
          {state.range === "custom" && filters.since && (
            <input type="hidden" name="since" value={filters.since} />
          )}
          <fieldset className="flex flex-wrap items-center gap-2 text-xs">
            <legend className="mb-0.5 font-medium text-zinc-600">Levels</legend>
            {logLevels.map((l) => (
              <label key={l} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  name="level"
                  value={l}
                  defaultChecked={filters.level?.includes(l) ?? false}
                />
                {l}
              </label>
            ))}
          </fieldset>
          <Field label="Release">
            <input
              name="release"
              defaultValue={filters.release ?? ""}
              className={`${inputClass} w-32`}
            />
          </Field>
          <Field label="Environment">
            <input
              name="environment"
              defaultValue={filters.environment ?? ""}
              className={`${inputClass} w-32`}
            />
          </Field>
        </div>
      </FilterDisclosure>
    </CleanGetForm>
  );
}
