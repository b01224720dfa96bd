// GET /projects/{id}/settings — project settings, ingest keys, source maps, viewer access,
// deletion (admins)
import type { Metadata } from "next";
import { Card } from "@/app/_ui/card";
import { requireRole } from "@/lib/auth/access";
import { orPageError, pageProject } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { siteOrigin } from "@/lib/http/site-origin";
import { projectEventCount } from "@/lib/projects/delete-project";
import { projectDto } from "@/lib/projects/dto";
import { listIngestKeys } from "@/lib/projects/ingest-keys";
import { listProjectMembers } from "@/lib/projects/members";
import { listUploads } from "@/lib/sourcemaps/uploads";
import { listUsers } from "@/lib/users/manage-users";
import { DeleteProjectForm } from "./_components/delete-project-form";
import { KeysTable } from "./_components/keys-table";
import { MembersSection } from "./_components/members-section";
import { NewKeyForm } from "./_components/new-key-form";
import { PrunePreviewNote } from "./_components/prune-preview";
import { SettingsForm } from "./_components/settings-form";
import { SourcemapUploads } from "./_components/sourcemap-uploads";

export const metadata: Metadata = { title: "Project settings" };

export default async function ProjectSettingsPage({
  params,
}: {
  params: Promise<{ projectId: string }>;
}) {
  const { user, project } = await pageProject((await params).projectId);
  await orPageError(() => requireRole(user, "admin"));
  const db = await getDb();
  const [keys, members, users, origin, events, uploads] = await Promise.all([
    listIngestKeys(db, project.id),
    listProjectMembers(db, project.id),
    listUsers(db),
    siteOrigin(),
    projectEventCount(db, project.id),
    listUploads(db, project.id),
  ]);
  const memberIds = new Set(members.map((m) => m.userId));
  const viewers = users
    .filter((u) => u.role === "viewer")
    .map((u) => ({ id: u.id, email: u.email, isMember: memberIds.has(u.id) }));
  return (
    <div className="space-y-6">
      <Card headingId="settings-heading" title="Settings" headingClassName="mb-4">
        <SettingsForm project={projectDto(project)} />
        <PrunePreviewNote projectId={project.id} />
      </Card>
      <Card headingId="keys-heading" title="Ingest keys" headingClassName="mb-4">
        <KeysTable
          projectId={project.id}
          projectNumber={project.number}
          keys={keys}
          origin={origin}
        />
        <div className="mt-4 border-t border-zinc-200 pt-4">
          <NewKeyForm projectId={project.id} origin={origin} />
        </div>
      </Card>
      <Card headingId="sourcemaps-heading" title="Source maps" headingClassName="mb-4">
        <SourcemapUploads projectId={project.id} projectNumber={project.number} uploads={uploads} />
      </Card>
      <Card headingId="access-heading" title="Viewer access" headingClassName="mb-4">
        <MembersSection projectId={project.id} viewers={viewers} />
      </Card>
      <Card
        headingId="danger-heading"
        title="Delete project"
        headingClassName="mb-4 text-red-800"
        className="border-red-200"
      >
        <DeleteProjectForm projectId={project.id} name={project.name} events={events} />
      </Card>
    </div>
  );
}
