import type { UserPrincipal } from "@/lib/auth/session";
import { signOutAction } from "./actions";

// <details> keeps the menu keyboard-usable without client JavaScript.
export function UserMenu({ user }: { user: UserPrincipal }) {
  return (
    <details className="relative">
      <summary className="cursor-pointer list-none rounded-md px-3 py-2 text-sm text-zinc-700 hover:bg-zinc-200 focus-visible:outline focus-visible:outline-2 focus-visible:outline-zinc-900">
        <span className="sr-only">Account menu for </span>
        <span className="inline-block max-w-40 truncate align-bottom">{user.email}</span>
      </summary>
      <div className="absolute right-0 z-10 mt-1 w-56 rounded-md border border-zinc-200 bg-white p-2 shadow-lg">
        <p className="px-2 py-1 text-xs text-zinc-500">Signed in as {user.role}</p>
        <a href="/settings" className="block rounded px-2 py-1 text-sm hover:bg-zinc-100">
          Account settings
        </a>
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
