import {
  FilterField,
  FilterFormActions,
  filterInputClass,
  LevelCheckboxes,
} from "@/app/_ui/filter-form";
import { logLevels } from "@/lib/db/schema/logs";
import type { LogFilters } from "@/lib/logs/filters";
import { maxSearchLength } from "@/lib/logs/filters";
import { gridColumnsParam } from "@/lib/logs/grid-columns";
import { defaultRange, type ExplorerState } from "../search-params";
import { CleanGetForm } from "./clean-get-form";
import { FilterDisclosure } from "./filter-disclosure";
import { LocalDateTimeInput } from "./local-datetime-input";
import { QueryErrorNote } from "./query-error";
import { QueryInput } from "./query-input";

const searchInputId = "explorer-q";
const queryErrorId = "explorer-q-error";

/** Filters set beyond the search text: what the folded "Filters" button counts on a phone. */
function activeFilters(state: ExplorerState): number {
  const f = state.filters;
  return [
    state.range !== defaultRange,
    f.min_level,
    f.level?.length,
    f.environment,
    f.release,
    f.session_id,
    f.user_id,
    f.issue,
  ].filter(Boolean).length;
}

/** A plain GET form: submitting it writes every filter that is set into the URL. */
// The exact-match filters, each a short text box (ids get a little more room).
const exactFilters = [
  { name: "environment", label: "Environment", width: "w-28" },
  { name: "release", label: "Release", width: "w-28" },
  { name: "session_id", label: "Session", width: "w-32" },
  { name: "user_id", label: "User", width: "w-32" },
  // The issue page's "all events of this issue" lands here with it set (an issue id).
  { name: "issue", label: "Issue", width: "w-44" },
] as const;

export function FilterBar({
  state,
  action,
  projectId,
}: {
  state: ExplorerState;
  action: string;
  projectId: string;
}) {
  const f: LogFilters = state.filters;
  const custom = state.range === "custom";
  return (
    <CleanGetForm
      action={action}
      defaults={{ range: defaultRange }}
      aria-label="Filters"
      className="space-y-2 rounded-lg border border-zinc-200 bg-white p-3"
    >
      {/* The grid's columns are part of the view: applying filters keeps them. */}
      {state.columns.length > 0 && (
        <input type="hidden" name="columns" value={gridColumnsParam(state.columns)} />
      )}
      <FilterDisclosure
        activeCount={activeFilters(state)}
        searchInputId={searchInputId}
        search={
          <div className="min-w-0 flex-1 sm:flex-none">
            <FilterField label="Query" className="min-w-0">
              <QueryInput
                projectId={projectId}
                levels={logLevels}
                inputProps={{
                  id: searchInputId,
                  name: "q",
                  type: "search",
                  "aria-keyshortcuts": "/",
                  "aria-invalid": state.queryError ? true : undefined,
                  "aria-describedby": state.queryError ? queryErrorId : undefined,
                  defaultValue: state.queryText ?? f.q ?? "",
                  maxLength: maxSearchLength,
                  placeholder: "text, level:>=warn, release:web@2.*, attr.key:value",
                  className: `${filterInputClass} w-full font-mono sm:w-96`,
                }}
              />
            </FilterField>
            {state.queryError && (
              <QueryErrorNote
                id={queryErrorId}
                query={state.queryText ?? ""}
                error={state.queryError}
              />
            )}
          </div>
        }
        actions={<FilterFormActions resetHref={action} />}
      >
        <div className="flex flex-wrap items-end gap-2">
          <FilterField label="Time range">
            <select name="range" defaultValue={state.range} className={filterInputClass}>
              <option value="all">All time</option>
              <option value="15m">Last 15 minutes</option>
              <option value="1h">Last hour</option>
              <option value="24h">Last 24 hours</option>
              <option value="7d">Last 7 days</option>
              <option value="custom">Custom (from/to)</option>
            </select>
          </FilterField>
          {(["from", "to"] as const).map((edge) => (
            <FilterField key={edge} label={edge === "from" ? "From" : "To"}>
              <LocalDateTimeInput
                name={edge}
                iso={custom ? (f[edge] ?? "") : ""}
                className={`${filterInputClass} w-52`}
              />
            </FilterField>
          ))}
          <FilterField label="Minimum level">
            <select name="min_level" defaultValue={f.min_level ?? ""} className={filterInputClass}>
              <option value="">Any</option>
              {logLevels.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </FilterField>
        </div>
        <div className="flex flex-wrap items-end gap-2">
          <LevelCheckboxes checked={f.level} />
          {exactFilters.map(({ name, label, width }) => (
            <FilterField key={name} label={label}>
              <input
                name={name}
                defaultValue={f[name] ?? ""}
                className={`${filterInputClass} ${width}`}
              />
            </FilterField>
          ))}
        </div>
      </FilterDisclosure>
    </CleanGetForm>
  );
}
