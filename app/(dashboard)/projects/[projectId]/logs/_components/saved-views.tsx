import Link from "next/link";
import { canManageProjects } from "@/lib/auth/access";
import type { UserPrincipal } from "@/lib/auth/principal";
import type { SavedView } from "@/lib/db/schema/saved-views";
import { gridColumnsParam } from "@/lib/logs/grid-columns";
import { viewHref } from "@/lib/logs/views/views";
import { deleteViewAction, saveViewAction } from "../actions";
import type { ExplorerState } from "../search-params";

/**
 * The project's saved views as links (each link is the view: open it, copy it, share it) and a
 * form saving the current one. Plain forms posting server actions: they work without script.
 * Names are the members' own text: rendered as text.
 */
export function SavedViews({
  projectId,
  views,
  state,
  user,
}: {
  projectId: string;
  views: SavedView[];
  state: ExplorerState;
  user: UserPrincipal;
}) {
  const custom = state.range === "custom";
  return (
    <section
      aria-label="Saved views"
      className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm"
      data-saved-views=""
    >
      <span className="text-xs font-medium text-zinc-600">Views:</span>
      {views.length === 0 && <span className="text-xs text-zinc-500">none saved yet</span>}
      {views.map((view) => (
        <span key={view.id} className="flex min-w-0 items-center gap-1">
          <Link
            href={viewHref(view)}
            className="min-w-0 underline wrap-anywhere"
            data-view={view.id}
          >
            {view.name}
          </Link>
          {(view.createdBy === user.id || canManageProjects(user)) && (
            <form action={deleteViewAction.bind(null, projectId)}>
              <input type="hidden" name="viewId" value={view.id} />
              <button
                type="submit"
                aria-label={`Delete view ${view.name.slice(0, 80)}`}
                title="Delete view"
                className="rounded px-1 text-xs text-zinc-500 hover:bg-zinc-200"
              >
                ×
              </button>
            </form>
          )}
        </span>
      ))}
      <form action={saveViewAction.bind(null, projectId)} className="flex items-center gap-1">
        <input type="hidden" name="q" value={state.queryText ?? state.filters.q ?? ""} />
        <input type="hidden" name="range" value={state.range} />
        {custom && state.filters.from && (
          <input type="hidden" name="from" value={state.filters.from} />
        )}
        {custom && state.filters.to && <input type="hidden" name="to" value={state.filters.to} />}
        {state.columns.length > 0 && (
          <input type="hidden" name="columns" value={gridColumnsParam(state.columns) ?? ""} />
        )}
        <input
          name="name"
          required
          maxLength={80}
          aria-label="View name"
          placeholder="Save view as…"
          className="w-36 rounded-md border border-zinc-300 bg-white px-2 py-0.5 text-sm"
        />
        <button
          type="submit"
          className="rounded-md border border-zinc-300 px-2 py-0.5 text-sm hover:bg-zinc-100"
        >
          Save
        </button>
      </form>
    </section>
  );
}
