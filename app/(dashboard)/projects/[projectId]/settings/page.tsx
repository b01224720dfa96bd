// GET /projects/{id}/settings — project settings, ingest keys, viewer access, deletion (admins)
import type { Metadata } from "next";
import { cardClass } from "@/app/_ui/styles";
import { requireRole } from "@/lib/auth/access";
import { orPageError, pageProject } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { siteOrigin } from "@/lib/http/site-origin";
import { projectEventCount } from "@/lib/projects/delete-project";
import { projectDto } from "@/lib/projects/dto";
import { listIngestKeys } from "@/lib/projects/ingest-keys";
import { listProjectMembers } from "@/lib/projects/members";
import { listUsers } from "@/lib/users/manage-users";
import { DeleteProjectForm } from "./_components/delete-project-form";
import { KeysTable } from "./_components/keys-table";
import { MembersSection } from "./_components/members-section";
import { NewKeyForm } from "./_components/new-key-form";
import { PrunePreviewNote } from "./_components/prune-preview";
import { SettingsForm } from "./_components/settings-form";

export const metadata: Metadata = { title: "Project settings" };

export default async function ProjectSettingsPage({
  params,
}: {
  params: Promise<{ projectId: string }>;
}) {
  const { user, project } = await pageProject((await params).projectId);
  await orPageError(() => requireRole(user, "admin"));
  const db = await getDb();
  const [keys, members, users, origin, events] = await Promise.all([
    listIngestKeys(db, project.id),
    listProjectMembers(db, project.id),
    listUsers(db),
    siteOrigin(),
    projectEventCount(db, project.id),
  ]);
  const memberIds = new Set(members.map((m) => m.userId));
  const viewers = users
    .filter((u) => u.role === "viewer")
    .map((u) => ({ id: u.id, email: u.email, isMember: memberIds.has(u.id) }));
  return (
    <div className="space-y-6">
      <section className={cardClass} aria-labelledby="settings-heading">
        <h2 id="settings-heading" className="mb-4 font-medium">
          Settings
        </h2>
        <SettingsForm project={projectDto(project)} />
        <PrunePreviewNote projectId={project.id} />
      </section>
      <section className={cardClass} aria-labelledby="keys-heading">
        <h2 id="keys-heading" className="mb-4 font-medium">
          Ingest keys
        </h2>
        <KeysTable
          projectId={project.id}
          projectNumber={project.number}
          keys={keys}
          origin={origin}
        />
        <div className="mt-4 border-t border-zinc-200 pt-4">
          <NewKeyForm projectId={project.id} origin={origin} />
        </div>
      </section>
      <section className={cardClass} aria-labelledby="access-heading">
        <h2 id="access-heading" className="mb-4 font-medium">
          Viewer access
        </h2>
        <MembersSection projectId={project.id} viewers={viewers} />
      </section>
      <section className={`${cardClass} border-red-200`} aria-labelledby="danger-heading">
        <h2 id="danger-heading" className="mb-4 font-medium text-red-800">
          Delete project
        </h2>
        <DeleteProjectForm projectId={project.id} name={project.name} events={events} />
      </section>
    </div>
  );
}
