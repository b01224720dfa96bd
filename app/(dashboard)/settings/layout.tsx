// Settings shell — sub-nav: Account (everyone), Users (owners), API tokens (admins and owners).
import { canManageProjects, canManageUsers } from "@/lib/auth/access";
import { requirePageUser } from "@/lib/auth/session";
import { NavLink } from "../_shell/nav-link";

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3 border-b border-zinc-200 pb-3">
        <h1 className="mr-auto text-xl font-semibold">Settings</h1>
        <nav aria-label="Settings" className="flex flex-wrap gap-1">
          <NavLink href="/settings/account">Account</NavLink>
          {canManageUsers(user) && <NavLink href="/settings/users">Users</NavLink>}
          {canManageProjects(user) && <NavLink href="/settings/tokens">API tokens</NavLink>}
        </nav>
      </div>
      {children}
    </div>
  );
}
