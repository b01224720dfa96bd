// Dashboard shell — checks the session itself (the proxy only redirects) and draws the nav.
import Link from "next/link";
import { LogoMark } from "@/app/_ui/logo";
import { requirePageUser } from "@/lib/auth/session";
import { NavLink } from "./_shell/nav-link";
import { UserMenu } from "./_shell/user-menu";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  return (
    <div className="min-h-screen">
      <header className="border-b border-zinc-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-2 px-4 py-2">
          <Link href="/projects" className="mr-2 flex items-center gap-1.5 text-lg font-semibold">
            <LogoMark />
            Logwell
          </Link>
          <nav aria-label="Main" className="flex flex-wrap gap-1">
            <NavLink href="/projects">Projects</NavLink>
            <NavLink href="/settings">Settings</NavLink>
            <NavLink href="/status">Status</NavLink>
          </nav>
          <div className="ml-auto">
            <UserMenu user={user} />
          </div>
        </div>
      </header>
      {/* A page marked data-full-width (the log explorer's grid) takes the whole window. */}
      <main className="mx-auto max-w-6xl px-4 py-6 has-[[data-full-width]]:max-w-none">
        {children}
      </main>
    </div>
  );
}
