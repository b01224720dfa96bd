// Project shell — 404 unless the signed-in user may see this project; sub-nav Issues / Logs /
// Health / Alerts / Settings.
// Names are typed by admins but shown to everyone: escaped like log text (bidi, zero-width).

import { EscapedText } from "@/app/_ui/escaped-text";
import { canManageProjects } from "@/lib/auth/access";
import { pageProject } from "@/lib/auth/page-guard";
import { NavLink } from "../../_shell/nav-link";

export default async function ProjectLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ projectId: string }>;
}) {
  const { user, project } = await pageProject((await params).projectId);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3 border-b border-zinc-200 pb-3">
        <h1 className="mr-auto truncate text-xl font-semibold">
          <EscapedText text={project.name} />
        </h1>
        <nav aria-label="Project" className="flex gap-1">
          <NavLink href={`/projects/${project.id}/issues`}>Issues</NavLink>
          <NavLink href={`/projects/${project.id}/logs`}>Logs</NavLink>
          <NavLink href={`/projects/${project.id}/health`}>Health</NavLink>
          <NavLink href={`/projects/${project.id}/alerts`}>Alerts</NavLink>
          {canManageProjects(user) && (
            <NavLink href={`/projects/${project.id}/settings`}>Settings</NavLink>
          )}
        </nav>
      </div>
      {children}
    </div>
  );
}
