import {
  FilterField,
  FilterFormActions,
  FilterSelect,
  filterInputClass,
  LevelCheckboxes,
} from "@/app/_ui/filter-form";
import { formatTime } from "@/lib/format/time";
import { maxSearchLength } from "@/lib/logs/filters";
import { CleanGetForm } from "../../logs/_components/clean-get-form";
import { FilterDisclosure } from "../../logs/_components/filter-disclosure";
import type { IssueListState } from "../search-params";

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
            <FilterSelect
              label="Status"
              name="status"
              defaultValue={filters.status}
              options={statusOptions}
            />
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
                className={`${filterInputClass} w-full sm:w-64`}
              />
            </label>
            <FilterSelect
              label="Sort by"
              name="sort"
              defaultValue={filters.sort}
              options={sortOptions}
            />
          </>
        }
        actions={<FilterFormActions resetHref={action} />}
      >
        <div className="flex flex-wrap items-end gap-2">
          <FilterSelect
            label="Last seen"
            name="range"
            defaultValue={state.range}
            options={rangeOptions}
          >
            {state.range === "custom" && filters.since && (
              // A link's concrete time (a later page): kept while the other filters change.
              <option value="custom">Since {formatTime(filters.since, "UTC", "minute")} UTC</option>
            )}
          </FilterSelect>
          {state.range === "custom" && filters.since && (
            <input type="hidden" name="since" value={filters.since} />
          )}
          <LevelCheckboxes checked={filters.level} />
          <FilterField label="Release">
            <input
              name="release"
              defaultValue={filters.release ?? ""}
              className={`${filterInputClass} w-32`}
            />
          </FilterField>
          <FilterField label="Environment">
            <input
              name="environment"
              defaultValue={filters.environment ?? ""}
              className={`${filterInputClass} w-32`}
            />
          </FilterField>
        </div>
      </FilterDisclosure>
    </CleanGetForm>
  );
}
