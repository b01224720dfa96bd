import { type Theme, themes, viewerTheme } from "@/app/_ui/theme";
import type { UserPrincipal } from "@/lib/auth/session";
import { setThemeAction, signOutAction } from "./actions";

const themeLabels: Record<Theme, string> = { system: "System", light: "Light", dark: "Dark" };

// <details> keeps the menu keyboard-usable without client JavaScript.
export async function UserMenu({ user }: { user: UserPrincipal }) {
  const theme = await viewerTheme();
  return (
    <details className="relative">
      <summary className="cursor-pointer list-none rounded-md px-3 py-2 text-sm text-zinc-700 hover:bg-zinc-200 focus-visible:outline focus-visible:outline-2 focus-visible:outline-zinc-900">
        <span className="sr-only">Account menu for </span>
        <span className="inline-block max-w-40 truncate align-bottom">
          {user.name ?? user.email}
        </span>
      </summary>
      <div className="absolute right-0 z-10 mt-1 w-60 rounded-md border border-zinc-200 bg-white p-2 shadow-lg">
        {user.name && <p className="truncate px-2 pt-1 text-sm font-medium">{user.name}</p>}
        <p className="truncate px-2 text-xs text-zinc-500">{user.email}</p>
        <p className="px-2 pb-1 text-xs text-zinc-500">Signed in as {user.role}</p>
        <a href="/settings" className="block rounded px-2 py-1 text-sm hover:bg-zinc-100">
          Account settings
        </a>
        <form action={setThemeAction} className="px-2 py-1">
          <fieldset className="flex items-center gap-1 text-xs">
            <legend className="sr-only">Colour scheme</legend>
            <span className="mr-auto text-zinc-600" aria-hidden="true">
              Theme
            </span>
            {themes.map((t) => (
              <button
                key={t}
                type="submit"
                name="theme"
                value={t}
                aria-pressed={t === theme}
                className="rounded border border-zinc-300 px-2 py-0.5 hover:bg-zinc-100 aria-pressed:bg-zinc-900 aria-pressed:text-white"
              >
                {themeLabels[t]}
              </button>
            ))}
          </fieldset>
        </form>
        <form action={signOutAction}>
          <button
            type="submit"
            className="w-full rounded px-2 py-1 text-left text-sm hover:bg-zinc-100"
          >
            Sign out
          </button>
        </form>
      </div>
    </details>
  );
}
